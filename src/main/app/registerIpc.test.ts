import type { IpcMainInvokeEvent } from 'electron';
import { pino } from 'pino';
import { registerIpc, type IpcMainLike } from './registerIpc';
import { fakeHandlers } from '../ipc/test/fakeHandlers';
import { channels } from '../../shared/ipc/contract';
import { ok } from '../../shared/result';
import { APP_ENTRY_URL } from '../security/securityPolicy';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener as Listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  return { ipcMain, handlers };
}

function invokeEvent(frame: { url: string; parent: unknown } | null): IpcMainInvokeEvent {
  return { senderFrame: frame, sender: { id: 7 } } as unknown as IpcMainInvokeEvent;
}

const mainFrame = { url: APP_ENTRY_URL, parent: null };
const silent = pino({ level: 'silent' });

describe('registerIpc', () => {
  it('registers exactly the contract channels and removes them again', () => {
    const fake = fakeIpcMain();
    const unregister = registerIpc(fake.ipcMain, fakeHandlers(), { logger: silent });
    expect([...fake.handlers.keys()].sort()).toEqual([...channels].sort());
    unregister();
    expect(fake.handlers.size).toBe(0);
  });

  it('dispatches a call from the app page with the window as sender', async () => {
    const fake = fakeIpcMain();
    const seen: unknown[] = [];
    const handlers = fakeHandlers({
      'settings:get': (_input, ctx) => {
        seen.push(ctx);
        return ok({ locale: 'uk', theme: 'dark' });
      },
    });
    registerIpc(fake.ipcMain, handlers, { logger: silent });
    const result = await fake.handlers.get('settings:get')?.(invokeEvent(mainFrame), undefined);
    expect(result).toEqual({ ok: true, value: { locale: 'uk', theme: 'dark' } });
    expect(seen).toEqual([{ senderId: 'window-7' }]);
  });

  it('validates the input through the dispatcher', async () => {
    const fake = fakeIpcMain();
    registerIpc(fake.ipcMain, fakeHandlers(), { logger: silent });
    const result = await fake.handlers.get('appeals:get')?.(invokeEvent(mainFrame), { id: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuses calls from sub-frames, foreign pages and destroyed frames without running the handler', async () => {
    const fake = fakeIpcMain();
    const handler = vi.fn(() => ok({ locale: 'uk' as const, theme: 'dark' as const }));
    registerIpc(fake.ipcMain, fakeHandlers({ 'settings:get': handler }), { logger: silent });
    const listener = fake.handlers.get('settings:get');
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    };
    for (const frame of [
      { url: APP_ENTRY_URL, parent: mainFrame },
      { url: 'https://evil.example/', parent: null },
      { url: 'file:///tmp/page.html', parent: null },
      disposed,
      null,
    ]) {
      const result = await listener?.(invokeEvent(frame), {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    expect(handler).not.toHaveBeenCalled();
  });
});
