// The Electron main process's glue, run under plain Node: no Electron binary exists here
// (ENVIRONMENT.md), so `electron` is replaced by a recording fake while everything behind it is
// real (workstation, encrypted SQLite in a temp userData, shipped resources/). Checks that start-up
// wires the security policies, the key, IPC and events the way src/main/app/README.md says.
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { channels } from '../../../src/shared/ipc/contract';
import type { Classifier } from '../../../src/shared/domain/reference';

type Handler = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    appRoot: '',
    userData: '',
    encryptionAvailable: true,
    listeners: new Map<string, Handler[]>(),
    ipc: new Map<string, Handler>(),
    privileged: [] as unknown[],
    sandboxEnabled: false,
    exitCode: null as number | null,
    errorBoxes: [] as string[][],
    windows: [] as { options: { webPreferences: Record<string, unknown> }; url: string; sent: unknown[][] }[],
    protocolHandler: null as null | ((request: Request) => Promise<Response>),
    beforeRequest: null as null | Handler,
    headersReceived: null as null | Handler,
    permissionRequest: null as null | Handler,
    permissionCheck: null as null | Handler,
    devicePermission: null as null | Handler,
  };
  const on = (name: string, listener: Handler) => {
    state.listeners.set(name, [...(state.listeners.get(name) ?? []), listener]);
  };
  class BrowserWindow {
    url = '';
    sent: unknown[][] = [];
    webContents = {
      send: (...args: unknown[]) => this.sent.push(args),
      isDestroyed: () => false,
      getURL: () => this.url,
    };
    constructor(public options: { webPreferences: Record<string, unknown> }) {
      state.windows.push(this);
    }
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    once() {}
    on() {}
  }
  const flip = (b: Uint8Array) => Buffer.from(b.map((x) => x ^ 0x5a));
  const electron = {
    app: {
      isPackaged: false,
      requestSingleInstanceLock: () => true,
      enableSandbox: () => (state.sandboxEnabled = true),
      on,
      whenReady: () => Promise.resolve(),
      getAppPath: () => state.appRoot,
      getPath: (name: string) => (name === 'userData' ? state.userData : `/nonexistent/${name}`),
      quit: () => undefined,
      exit: (code: number) => (state.exitCode = code),
    },
    protocol: { registerSchemesAsPrivileged: (schemes: unknown[]) => state.privileged.push(...schemes) },
    ipcMain: {
      handle: (channel: string, handler: Handler) => state.ipc.set(channel, handler),
      removeHandler: (channel: string) => state.ipc.delete(channel),
    },
    dialog: { showErrorBox: (title: string, message: string) => state.errorBoxes.push([title, message]) },
    safeStorage: {
      isEncryptionAvailable: () => state.encryptionAvailable,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (text: string) => flip(Buffer.from(text)),
      decryptString: (blob: Buffer) => flip(blob).toString(),
    },
    session: {
      defaultSession: {
        protocol: { handle: (_scheme: string, handler: never) => (state.protocolHandler = handler) },
        webRequest: {
          onBeforeRequest: (listener: Handler) => (state.beforeRequest = listener),
          onHeadersReceived: (listener: Handler) => (state.headersReceived = listener),
        },
        setPermissionRequestHandler: (handler: Handler) => (state.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Handler) => (state.permissionCheck = handler),
        setDevicePermissionHandler: (handler: Handler) => (state.devicePermission = handler),
        on: () => undefined,
      },
    },
    BrowserWindow,
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const { state } = fake;
let dir: string;

async function startApp() {
  vi.resetModules();
  const { runApp } = await import('../../../src/main/app/electronMain');
  runApp();
  const deadline = Date.now() + 20_000;
  while (state.windows.length === 0 && state.exitCode === null && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 10));
  }
}

const trusted = { senderFrame: { url: 'app://workstation/index.html', parent: null }, sender: { id: 1 } };
const invoke = (channel: string, input: unknown, event: unknown = trusted) => {
  const handler = state.ipc.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, input) as Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
};

beforeAll(async () => {
  process.env.LOG_LEVEL = 'silent';
  dir = mkdtempSync(join(tmpdir(), 'electron-main-'));
  state.appRoot = join(dir, 'app');
  state.userData = join(dir, 'userData');
  mkdirSync(join(state.appRoot, 'out', 'renderer'), { recursive: true });
  writeFileSync(join(state.appRoot, 'out', 'renderer', 'index.html'), '<!doctype html><div id="root"></div>');
  symlinkSync(resolve('resources'), join(state.appRoot, 'resources'));
  await startApp();
});

afterAll(() => {
  for (const listener of state.listeners.get('will-quit') ?? []) listener();
  rmSync(dir, { recursive: true, force: true });
});

describe('Electron start-up', () => {
  it('opens one sandboxed, isolated window on the app page', () => {
    expect(state.exitCode).toBeNull();
    expect(state.sandboxEnabled).toBe(true);
    expect(state.privileged).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
    expect(state.windows).toHaveLength(1);
    const [window] = state.windows;
    expect(window?.url).toBe('app://workstation/index.html');
    expect(window?.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: join(state.appRoot, 'out', 'preload', 'index.cjs'),
    });
    expect(state.listeners.has('web-contents-created')).toBe(true);
  });

  it('keeps the store key only encrypted in userData', () => {
    expect(readdirSync(state.userData)).toEqual(expect.arrayContaining(['store-key.bin', 'data']));
    const blob = readFileSync(join(state.userData, 'store-key.bin'));
    expect(blob.toString('latin1')).not.toMatch(/[0-9a-f]{64}/);
  });

  it('answers every contract channel over IPC, from the app page only', async () => {
    expect([...state.ipc.keys()].sort()).toEqual([...channels].sort());
    expect(await invoke('app:info', undefined)).toMatchObject({ ok: true, value: { host: 'electron' } });
    const foreign = { senderFrame: { url: 'https://evil.example/', parent: null }, sender: { id: 2 } };
    expect(await invoke('app:info', undefined, foreign)).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
  });

  it('forwards a saved appeal to the window as an event', async () => {
    const classifier = await invoke('reference:classifier', {});
    const type = (classifier.value as Classifier).types.find((t) => t.defaultExecutorId !== null);
    const created = await invoke('appeals:create', {
      type: 'proposal',
      applicant: { fullName: 'Test Applicant', address: { city: 'Київ', street: 'Хрещатик', building: '1' } },
      categoryId: type?.id,
      executorId: type?.defaultExecutorId,
      essence: 'Install a bench in the park',
    });
    expect(created.ok).toBe(true);
    const id = (created.value as { id: string }).id;
    expect(state.windows[0]?.sent).toContainEqual(['appeals:created', { id, callId: null }]);
  });

  it('serves the renderer on app:// with the CSP and refuses paths out of it', async () => {
    const handler = state.protocolHandler;
    if (!handler) throw new Error('no app:// handler');
    const page = await handler(new Request('app://workstation/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
    // The URL parser folds `%2e%2e` segments (still inside the folder: not found); `%2f` reaches the resolver.
    expect((await handler(new Request('app://workstation/%2e%2e/resources/calendar/ua.json'))).status).toBe(
      404,
    );
    expect(
      (await handler(new Request('app://workstation/..%2f..%2fresources%2fcalendar%2fua.json'))).status,
    ).toBe(400);
    expect((await handler(new Request('app://other/index.html'))).status).toBe(404);
  });

  it('grants the microphone and notifications and nothing else, and blocks remote requests', () => {
    const decide = (permission: string, details: unknown) =>
      new Promise((done) => state.permissionRequest?.({}, permission, done, details));
    return Promise.all([
      expect(
        decide('media', { requestingUrl: 'app://workstation/index.html', mediaTypes: ['audio'] }),
      ).resolves.toBe(true),
      expect(
        decide('media', { requestingUrl: 'app://workstation/index.html', mediaTypes: ['video'] }),
      ).resolves.toBe(false),
      // The softphone's desktop notification for a ringing call; geolocation stands for the rest.
      expect(decide('notifications', { requestingUrl: 'app://workstation/index.html' })).resolves.toBe(true),
      expect(decide('notifications', { requestingUrl: 'https://evil.example/' })).resolves.toBe(false),
      expect(decide('geolocation', { requestingUrl: 'app://workstation/index.html' })).resolves.toBe(false),
      expect(state.permissionCheck?.({}, 'media', 'app://workstation', { mediaType: 'audio' })).toBe(true),
      expect(state.devicePermission?.({})).toBe(false),
      expect(
        new Promise((done) => state.beforeRequest?.({ url: 'https://cdn.example/x.js' }, done)),
      ).resolves.toEqual({ cancel: true }),
      expect(
        new Promise((done) => state.beforeRequest?.({ url: 'app://workstation/assets/a.js' }, done)),
      ).resolves.toEqual({ cancel: false }),
    ]);
  });
});

describe('Electron start-up without an OS secret store', () => {
  it('explains why and exits instead of storing the key in plain text', async () => {
    state.encryptionAvailable = false;
    state.windows = [];
    state.userData = join(dir, 'userData-no-keyring');
    await startApp();
    expect(state.exitCode).toBe(1);
    expect(state.windows).toHaveLength(0);
    expect(state.errorBoxes.at(-1)?.[1]).toMatch(/secret store/);
  });
});
