import { createWebApi, LOST_MESSAGE, UNREACHABLE_MESSAGE, webApiUrl, type SocketLike } from './webApi';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: { id: number; channel: string; input: unknown }[] = [];
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  onmessage: SocketLike['onmessage'] = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  reply(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const client = createWebApi({
    url: 'ws://127.0.0.1:5151/api?token=t',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    initialDelayMs: 100,
    maxDelayMs: 1000,
    random: () => 1,
  });
  const states: string[] = [];
  client.connection.subscribe((s) => states.push(s));
  return { client, sockets, states, last: () => sockets.at(-1)! };
}

describe('web api client', () => {
  afterEach(() => vi.useRealTimers());

  it('reads the token from the URL fragment and builds the socket address', () => {
    expect(webApiUrl({ protocol: 'http:', host: '127.0.0.1:5151', hash: '#token=a%2Bb' })).toBe(
      'ws://127.0.0.1:5151/api?token=a%2Bb',
    );
    expect(webApiUrl({ protocol: 'https:', host: 'ws.local', hash: '#token=x' })).toBe(
      'wss://ws.local/api?token=x',
    );
    expect(webApiUrl({ protocol: 'http:', host: '127.0.0.1:5151', hash: '' })).toBeNull();
  });

  it('sends calls made before the socket opens once it opens, and pairs replies by id', async () => {
    const { client, last, states } = setup();
    const info = client.api.app.info({});
    const list = client.api.consultations.list({ limit: 5 });
    expect(last().sent).toEqual([]);
    last().open();
    expect(states).toEqual(['connected']);
    expect(last().sent.map((m) => m.channel)).toEqual(['app:info', 'consultations:list']);
    const [first, second] = last().sent;
    last().reply({ id: second!.id, result: { ok: true, value: { items: [], nextCursor: null } } });
    last().reply({ id: first!.id, result: { ok: false, error: { code: 'not_found', message: 'no info' } } });
    await expect(list).resolves.toEqual({ ok: true, value: { items: [], nextCursor: null } });
    await expect(info).resolves.toEqual({ ok: false, error: { code: 'not_found', message: 'no info' } });
    expect(second!.input).toEqual({ limit: 5 });
  });

  it('resolves an unanswered call to an error the operator can act on when the connection drops', async () => {
    const { client, last, states } = setup();
    last().open();
    const create = client.api.consultations.list({});
    last().drop();
    await expect(create).resolves.toEqual({ ok: false, error: { code: 'internal', message: LOST_MESSAGE } });
    expect(LOST_MESSAGE).toMatch(/connection to the workstation service was lost/);
    expect(states).toEqual(['connected', 'reconnecting']);
  });

  it('fails calls queued while the service is unreachable instead of leaving them hanging', async () => {
    const { client, last } = setup();
    const call = client.api.app.info({});
    last().drop();
    await expect(call).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: UNREACHABLE_MESSAGE },
    });
  });

  it('reconnects with growing delays and reports the connection back', () => {
    vi.useFakeTimers();
    const { sockets, states, last } = setup();
    last().drop();
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(99);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    last().drop();
    vi.advanceTimersByTime(199);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    last().open();
    expect(states).toEqual(['reconnecting', 'connected']);
  });

  it('delivers events to listeners until they unsubscribe', () => {
    const { client, last } = setup();
    last().open();
    const seen: unknown[] = [];
    const off = client.api.on('appeals:changed', (p) => seen.push(p));
    last().reply({ event: 'appeals:changed', payload: { ids: ['a1'] } });
    off();
    last().reply({ event: 'appeals:changed', payload: { ids: ['a2'] } });
    expect(seen).toEqual([{ ids: ['a1'] }]);
  });

  it('ignores malformed frames', async () => {
    const { client, last } = setup();
    last().open();
    const call = client.api.app.info({});
    last().onmessage?.({ data: 'not json' });
    last().reply({ id: 'x', result: 1 });
    last().reply({ id: last().sent[0]!.id, result: { ok: true, value: 'info' } });
    await expect(call).resolves.toEqual({ ok: true, value: 'info' });
  });

  it('refuses a request over the message size limit without sending it', async () => {
    const { client, last } = setup();
    last().open();
    const result = await client.api.consultations.create({ question: 'x'.repeat(300 * 1024), answer: 'a' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('too_large');
    expect(last().sent).toEqual([]);
  });

  it('stops reconnecting when closed', () => {
    vi.useFakeTimers();
    const { client, sockets } = setup();
    client.close();
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
  });
});
