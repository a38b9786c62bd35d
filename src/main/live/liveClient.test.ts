// The live client against a small `ws` server standing in for /api/v1/live (the real server's
// side is tested in tests/integration/sync/liveRealServer.test.ts).
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AgentState } from '../../shared/softphone/agent';
import { LIVE_CLOSE, LIVE_PATH, type LiveClientMessage } from '../../shared/softphone/live';
import type { Presence } from '../agent';
import type { AgentOverride } from '../../shared/queue/floor';
import { createLiveClient, liveUrl, type FloorMessage, type LiveClient } from './liveClient';

interface Peer {
  socket: WebSocket;
  messages: LiveClientMessage[];
}

let server: WebSocketServer;
let peers: Peer[];
let serverUrl: string;
let client: LiveClient | null;

beforeEach(async () => {
  peers = [];
  client = null;
  server = new WebSocketServer({ port: 0, host: '127.0.0.1', path: LIVE_PATH });
  await new Promise((r) => server.once('listening', r));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.on('connection', (socket) => {
    const peer: Peer = { socket, messages: [] };
    peers.push(peer);
    socket.on('message', (data) => peer.messages.push(JSON.parse(data.toString()) as LiveClientMessage));
  });
});

afterEach(async () => {
  client?.stop();
  for (const p of peers) p.socket.terminate();
  await new Promise((r) => server.close(r));
});

async function until<T>(what: string, probe: () => T): Promise<NonNullable<T>> {
  const deadline = Date.now() + 3_000;
  for (;;) {
    const v = probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const snapshot = (state: AgentState) => ({
  userId: 'u1',
  username: 'operator1',
  name: 'Operator',
  state,
  since: '2026-11-22T10:00:00.000Z',
  sipRegistered: true,
  connected: true,
});
const welcome = (peer: Peer, state: AgentState = { state: 'offline' }) =>
  peer.socket.send(JSON.stringify({ type: 'welcome', userId: 'u1', agent: snapshot(state) }));

function startClient(
  presence: Presence,
  tokens: (refresh: boolean) => string | null = () => 'token-1',
  publishesPresence?: () => boolean,
  subscribesToFloor?: () => boolean,
) {
  const calls = {
    acks: [] as AgentState[],
    disconnects: 0,
    syncs: 0,
    tokenRequests: [] as boolean[],
    floor: [] as FloorMessage[],
    overrides: [] as AgentOverride[],
  };
  client = createLiveClient({
    serverUrl,
    deviceId: 'device-1',
    getAccessToken: async ({ refresh }) => {
      calls.tokenRequests.push(refresh);
      return tokens(refresh);
    },
    presence: () => presence,
    onAck: (s) => calls.acks.push(s),
    onDisconnected: () => calls.disconnects++,
    onSyncChanged: () => calls.syncs++,
    onFloor: (m) => calls.floor.push(m),
    onAgentSet: (o) => calls.overrides.push(o),
    backoff: { minMs: 10, maxMs: 40 },
    ...(publishesPresence ? { publishesPresence } : {}),
    ...(subscribesToFloor ? { subscribesToFloor } : {}),
  });
  client.start();
  return calls;
}

describe('live client', () => {
  it('builds the WebSocket address from the server address', () => {
    expect(liveUrl('https://hub.example/')).toBe('wss://hub.example/api/v1/live');
    expect(liveUrl('http://127.0.0.1:8080')).toBe('ws://127.0.0.1:8080/api/v1/live');
  });

  it('says hello with the token, publishes the state after the welcome and reports the ack', async () => {
    const presence: Presence = { state: { state: 'available' }, sipRegistered: true };
    const calls = startClient(presence);
    const peer = await until('a connection', () => peers[0]);
    await until('hello', () => peer.messages.length === 1);
    expect(peer.messages[0]).toEqual({ type: 'hello', token: 'token-1', deviceId: 'device-1' });
    expect(client!.connected()).toBe(false);

    welcome(peer);
    await until('the state', () => peer.messages.length === 2);
    expect(peer.messages[1]).toEqual({
      type: 'agent.state',
      state: { state: 'available' },
      sipRegistered: true,
    });
    expect(client!.connected()).toBe(true);
    expect(calls.acks).toEqual([]);

    peer.socket.send(JSON.stringify({ type: 'agent.ack', agent: snapshot({ state: 'available' }) }));
    await until('the ack', () => calls.acks.length === 1);
    expect(calls.acks[0]).toEqual({ state: 'available' });
  });

  it('reconnects after the connection drops and sends the current state again', async () => {
    const presence: Presence = { state: { state: 'available' }, sipRegistered: false };
    const calls = startClient(presence);
    const first = await until('a connection', () => peers[0]);
    await until('hello', () => first.messages.length === 1);
    welcome(first);
    await until('the state', () => first.messages.length === 2);

    presence.state = { state: 'break', reason: 'lunch' };
    first.socket.terminate();
    await until('disconnect reported', () => calls.disconnects === 1);
    const second = await until('a second connection', () => peers[1]);
    await until('hello again', () => second.messages.length === 1);
    welcome(second);
    await until('the state again', () => second.messages.length === 2);
    expect(second.messages[1]).toEqual({
      type: 'agent.state',
      state: { state: 'break', reason: 'lunch' },
      sipRegistered: false,
    });
  });

  it('renews the token once after 4401, then backs off instead of hammering', async () => {
    const calls = startClient({ state: { state: 'offline' }, sipRegistered: false }, (refresh) =>
      refresh ? 'token-2' : 'token-1',
    );
    server.on('connection', (socket) => {
      socket.once('message', () => socket.close(LIVE_CLOSE.unauthenticated, 'unauthenticated'));
    });
    await until('three connections', () => peers.length >= 3);
    expect(calls.tokenRequests.slice(0, 3)).toEqual([false, true, false]);
    expect(peers[1]!.messages[0]).toMatchObject({ type: 'hello', token: 'token-2' });
  });

  it('stops for good on 4403 (a role that takes no calls)', async () => {
    startClient({ state: { state: 'offline' }, sipRegistered: false });
    server.on('connection', (socket) => socket.close(LIVE_CLOSE.forbidden, 'forbidden'));
    await until('a connection', () => peers[0]);
    await new Promise((r) => setTimeout(r, 200));
    expect(peers).toHaveLength(1);
  });

  it('asks for a sync on sync.changed and ignores messages it does not know', async () => {
    const calls = startClient({ state: { state: 'offline' }, sipRegistered: false });
    const peer = await until('a connection', () => peers[0]);
    await until('hello', () => peer.messages.length === 1);
    peer.socket.send('not json');
    peer.socket.send(JSON.stringify({ type: 'surprise' }));
    peer.socket.send(JSON.stringify({ type: 'sync.changed' }));
    await until('the sync', () => calls.syncs === 1);
  });

  it('publishes no agent state for an account that takes no calls, and still pulls on sync.changed', async () => {
    const presence: Presence = { state: { state: 'available' }, sipRegistered: false };
    const calls = startClient(presence, undefined, () => false);
    const peer = await until('a connection', () => peers[0]);
    await until('hello', () => peer.messages.length === 1);
    welcome(peer);
    await until('connected', () => client!.connected());
    client!.publish();
    peer.socket.send(JSON.stringify({ type: 'sync.changed' }));
    await until('the sync', () => calls.syncs === 1);
    expect(peer.messages.map((m) => (m as { type: string }).type)).toEqual(['hello']);
  });

  it('subscribes a team lead to every agent and the queue after each welcome, and hands on the floor', async () => {
    const calls = startClient(
      { state: { state: 'available' }, sipRegistered: true },
      undefined,
      undefined,
      () => true,
    );
    const first = await until('a connection', () => peers[0]);
    await until('hello', () => first.messages.length === 1);
    welcome(first);
    await until('the subscriptions', () => first.messages.length === 4);
    expect(first.messages.slice(1).map((m) => m.type)).toEqual([
      'agent.state',
      'agents.subscribe',
      'queue.subscribe',
    ]);
    const agents = { type: 'agents', agents: [snapshot({ state: 'available' })] } as const;
    first.socket.send(JSON.stringify(agents));
    first.socket.send(JSON.stringify({ type: 'agent.changed', agent: snapshot({ state: 'offline' }) }));
    await until('the floor', () => calls.floor.length === 2);
    expect(calls.floor[0]).toEqual(agents);

    // After a drop the subscriptions are made again, so the server sends the whole list again.
    first.socket.terminate();
    const second = await until('a second connection', () => peers[1]);
    await until('hello again', () => second.messages.length === 1);
    welcome(second);
    await until('the subscriptions again', () => second.messages.length === 4);
    expect(second.messages.slice(2).map((m) => m.type)).toEqual(['agents.subscribe', 'queue.subscribe']);
  });

  it('does not subscribe other roles to the floor, and hands a lead’s override to the agent', async () => {
    const calls = startClient(
      { state: { state: 'break', reason: 'lunch' }, sipRegistered: true },
      undefined,
      undefined,
      () => false,
    );
    const peer = await until('a connection', () => peers[0]);
    await until('hello', () => peer.messages.length === 1);
    // Nothing is taken before the welcome.
    const override: AgentOverride = {
      state: { state: 'available' },
      reason: 'Break ran over',
      by: 'Demo Team Lead',
      at: '2026-11-22T10:05:00.000Z',
    };
    peer.socket.send(JSON.stringify({ type: 'agent.set', override }));
    welcome(peer);
    await until('the state', () => peer.messages.length === 2);
    peer.socket.send(JSON.stringify({ type: 'agent.set', override }));
    await until('the override', () => calls.overrides.length === 1);
    expect(calls.overrides).toEqual([override]);
    await new Promise((r) => setTimeout(r, 50));
    expect(peer.messages.map((m) => m.type)).toEqual(['hello', 'agent.state']);
  });

  it('does not connect while nobody is signed in, and stops reconnecting after stop()', async () => {
    startClient({ state: { state: 'offline' }, sipRegistered: false }, () => null);
    await new Promise((r) => setTimeout(r, 100));
    expect(peers).toHaveLength(0);
    client!.stop();

    startClient({ state: { state: 'offline' }, sipRegistered: false });
    const peer = await until('a connection', () => peers[0]);
    client!.stop();
    await until('closed', () => peer.socket.readyState === peer.socket.CLOSED);
    await new Promise((r) => setTimeout(r, 150));
    expect(peers).toHaveLength(1);
  });
});
