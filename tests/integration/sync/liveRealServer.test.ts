// The workstation's telephony side against the real central server (Fastify + embedded
// PostgreSQL, its live hub and SIP routes): SIP credentials after an online sign-in, kept across
// a restart while the server is down and cleared at sign-out; the agent state published over the
// live WebSocket, acknowledged, and published again after the server restarts; call records pushed.
import { openWorkstation, type Workstation } from '../../../src/main/workstation';
import { withParsedInput } from '../../../src/main/ipc/test/parsedHandlers';
import { SOFTPHONE_REASONS } from '../../../src/main/softphone/softphoneService';
import { defaultLiveSettings, type SipSettings } from '../../../src/server/config';
import { uuidv7 } from '../../../src/shared/domain/ids';
import type { EventName } from '../../../src/shared/ipc/contract';
import type { SoftphoneConfig } from '../../../src/shared/softphone/sipConfig';
import { demoPassword, startRealServer, type RealServer } from '../../e2e/support/serverInstance';
import { RESOURCES_DIR, randomKey, useTempDirs } from '../support/storeFiles';
import { ctx, FAST, until, value } from '../support/syncWorkstation';
import { fixedKey } from '../support/workstation';

const SIP: SipSettings = {
  wsUri: 'ws://127.0.0.1:5066',
  domain: 'pbx.test',
  hotline: '1551',
  iceServers: [],
  wrapUpSeconds: 12,
};

/** The real server with a PBX configured (or none), and live-channel timings short enough for tests. */
function startServer(sip: SipSettings | null): Promise<RealServer> {
  return startRealServer(
    {},
    {
      pbxToken: 'live-test-pbx-token',
      live: { ...defaultLiveSettings, offlineGraceMs: 1_000, sweepMs: 200 },
      ...(sip ? { sip } : {}),
    },
  );
}

const tempDir = useTempDirs('live-');

async function openWs(dir: string, key: Buffer, url: string, events: [EventName, unknown][] = []) {
  const opened = await openWorkstation({
    dataDir: dir,
    keyProvider: fixedKey(key),
    resourcesDir: RESOURCES_DIR,
    host: 'web',
    sync: { serverUrl: url, tuning: FAST },
  });
  if (!opened.ok) throw new Error(opened.error.message);
  opened.value.onEvent((event, payload) => events.push([event, payload]));
  return withParsedInput(opened.value);
}

const signIn = (w: Workstation, username: string) =>
  value(w.handlers['auth:login']({ username, password: demoPassword(username) }, ctx));
const softphone = (w: Workstation) => value(w.handlers['softphone:config']({}, ctx));
const agentStatus = (w: Workstation) => value(w.handlers['agent:status']({}, ctx));

describe('telephony against the real server with a PBX', () => {
  let server: RealServer;
  let w: Workstation | null = null;
  beforeAll(async () => {
    server = await startServer(SIP);
  }, 60_000);
  afterEach(() => {
    w?.close();
    w = null;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('gets SIP credentials after sign-in, keeps them over a restart during an outage, drops them at sign-out', async () => {
    const dir = tempDir();
    const key = randomKey();
    const events: [EventName, unknown][] = [];
    w = await openWs(dir, key, server.url, events);
    expect(await softphone(w)).toEqual({ configured: false, reason: SOFTPHONE_REASONS.signedOut });

    await signIn(w, 'operator1');
    const config = await until('credentials', async () => {
      const c = await softphone(w!);
      return c.configured ? c : null;
    });
    expect(config.sip).toMatchObject({
      username: 'operator1',
      domain: 'pbx.test',
      wsUri: SIP.wsUri,
      wrapUpSeconds: 12,
    });
    const { rows } = await server.pool.query<{ ha1: string }>(
      "SELECT ha1 FROM sip_credentials c JOIN users u ON u.id = c.user_id WHERE u.username = 'operator1'",
    );
    expect(rows[0]!.ha1).toBe(config.sip.ha1);
    expect(events).toContainEqual(['softphone:configChanged', config]);
    expect((await agentStatus(w)).wrapUpSeconds).toBe(12);

    // A restart while the server is down: the session and the softphone come back from the store.
    w.close();
    await server.stop();
    try {
      w = await openWs(dir, key, server.url);
      expect(await softphone(w)).toEqual(config);
    } finally {
      await server.start();
    }

    await value(w.handlers['auth:logout']({}, ctx));
    expect(await softphone(w)).toEqual({ configured: false, reason: SOFTPHONE_REASONS.signedOut });
    w.close();
    w = await openWs(dir, key, server.url);
    expect(await softphone(w)).toEqual({ configured: false, reason: SOFTPHONE_REASONS.signedOut });
  });

  it('publishes the agent state, counts it published only after the ack, and again after a server restart', async () => {
    w = await openWs(tempDir(), randomKey(), server.url);
    await signIn(w, 'operator2');
    const set = await value(
      w.handlers['agent:set']({ state: { state: 'available' }, sipRegistered: true }, ctx),
    );
    expect(set.published).toBe(false);
    await until('published', async () => (await agentStatus(w!)).published);
    const serverState = async () =>
      (
        await server.pool.query<{ state: { state: string }; sip_registered: boolean; connected: boolean }>(
          "SELECT a.state, a.sip_registered, a.connected FROM agents a JOIN users u ON u.id = a.user_id WHERE u.username = 'operator2'",
        )
      ).rows[0];
    expect(await serverState()).toMatchObject({
      state: { state: 'available' },
      sip_registered: true,
      connected: true,
    });

    await server.stop();
    await until('unpublished while the server is down', async () => !(await agentStatus(w!)).published);
    await value(w.handlers['agent:set']({ state: { state: 'break', reason: 'lunch' } }, ctx));
    await server.start();
    await until('published again after the restart', async () => (await agentStatus(w!)).published, 15_000);
    expect((await serverState())?.state).toEqual({ state: 'break', reason: 'lunch' });

    // Signing out takes the agent offline on the server too.
    await value(w.handlers['auth:logout']({}, ctx));
    expect((await agentStatus(w)).state).toEqual({ state: 'offline' });
    await until('offline on the server', async () => (await serverState())?.state.state === 'offline');
  });

  it('pushes a saved call record to the server', async () => {
    w = await openWs(tempDir(), randomKey(), server.url);
    await signIn(w, 'operator1');
    const ringAt = new Date().toISOString();
    const saved = await value(
      w.handlers['calls:save'](
        {
          id: uuidv7(),
          sipCallId: 'live-test-1@pbx',
          direction: 'inbound',
          localNumber: '1551',
          remoteNumber: '+380441234567',
          remoteName: null,
          ringAt,
          answeredAt: null,
          endedAt: new Date(Date.parse(ringAt) + 10_000).toISOString(),
          result: 'missed',
          transferTarget: null,
          appealIds: [],
          consultationIds: [],
        },
        ctx,
      ),
    );
    await until('the call on the server', async () => {
      const { rows } = await server.pool.query('SELECT 1 FROM calls WHERE id = $1', [saved.id]);
      return rows.length === 1;
    });
  });
});

describe('telephony against a real server without a PBX', () => {
  let server: RealServer;
  beforeAll(async () => {
    server = await startServer(null);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it('says the server has no PBX, and the agent state still works locally', async () => {
    const w = await openWs(tempDir(), randomKey(), server.url);
    try {
      await signIn(w, 'operator1');
      const config: SoftphoneConfig = await until('an answer', async () => {
        const c = await softphone(w);
        return c.configured || c.reason !== SOFTPHONE_REASONS.loading ? c : null;
      });
      expect(config).toEqual({ configured: false, reason: SOFTPHONE_REASONS.noPbx });
      expect((await agentStatus(w)).wrapUpSeconds).toBe(30);
    } finally {
      w.close();
    }
  });
});
