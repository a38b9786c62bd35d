import { buildApi, type IpcRendererLike } from './buildApi';
import { channels, events } from '../shared/ipc/contract';

function fakeIpcRenderer() {
  const invoked: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  let answer: (channel: string) => Promise<unknown> = async () => ({ ok: true, value: 'answer' });
  const ipc: IpcRendererLike = {
    invoke: (channel, ...args) => {
      invoked.push({ channel, args });
      return answer(channel);
    },
    on: (channel, listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
    },
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const emit = (channel: string, payload: unknown) => {
    const ipcEvent = { sender: { send: () => 'must not leak' } };
    for (const listener of listeners.get(channel) ?? []) listener(ipcEvent, payload);
  };
  return { ipc, invoked, listeners, emit, answerWith: (f: typeof answer) => (answer = f) };
}

describe('buildApi', () => {
  it('exposes one function per contract channel as api.<domain>.<verb>', () => {
    const api = buildApi(fakeIpcRenderer().ipc) as unknown as Record<string, Record<string, unknown>>;
    for (const channel of channels) {
      const [domain, verb] = channel.split(':') as [string, string];
      expect(typeof api[domain]?.[verb], channel).toBe('function');
    }
    const exposed = Object.entries(api).flatMap(([domain, value]) =>
      typeof value === 'function' ? [domain] : Object.keys(value).map((verb) => `${domain}:${verb}`),
    );
    expect(exposed.sort()).toEqual([...channels, 'on'].sort());
  });

  it('invokes the matching channel with the input and resolves with main\u2019s Result', async () => {
    const fake = fakeIpcRenderer();
    const api = buildApi(fake.ipc);
    await expect(api.appeals.get({ id: 'a-1' })).resolves.toEqual({ ok: true, value: 'answer' });
    await api.app.info();
    expect(fake.invoked).toEqual([
      { channel: 'appeals:get', args: [{ id: 'a-1' }] },
      { channel: 'app:info', args: [undefined] },
    ]);
  });

  it('turns a failed invoke into an internal Result instead of a rejection', async () => {
    const fake = fakeIpcRenderer();
    fake.answerWith(() => Promise.reject(new Error('No handler registered')));
    const api = buildApi(fake.ipc);
    await expect(api.settings.get()).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('delivers event payloads without the IPC event and unsubscribes', () => {
    const fake = fakeIpcRenderer();
    const api = buildApi(fake.ipc);
    const received: unknown[][] = [];
    const off = api.on('appeals:changed', (...args: unknown[]) => received.push(args));
    fake.emit('appeals:changed', { ids: ['a-1'] });
    off();
    fake.emit('appeals:changed', { ids: ['a-2'] });
    expect(received).toEqual([[{ ids: ['a-1'] }]]);
    expect(fake.listeners.get('appeals:changed')?.size).toBe(0);
  });

  it('accepts every contract event and refuses any other name', () => {
    const api = buildApi(fakeIpcRenderer().ipc);
    for (const event of Object.keys(events)) {
      expect(() => api.on(event as keyof typeof events, () => undefined)()).not.toThrow();
    }
    expect(() => api.on('ipc:anything' as never, () => undefined)).toThrow(/Unknown event/);
  });

  it('cannot be modified by the page', () => {
    const api = buildApi(fakeIpcRenderer().ipc) as unknown as Record<string, Record<string, unknown>>;
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.appeals)).toBe(true);
  });
});
