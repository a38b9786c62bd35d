// The Electron app's lifecycle: one instance, a key kept by the OS secret store, the workstation's
// services, the secured session and window, IPC, and events forwarded to the page.
import { join } from 'node:path';
import { app, dialog, ipcMain, protocol, safeStorage, session, type BrowserWindow } from 'electron';
import { pino } from 'pino';
import { openWorkstation, type Workstation } from '../workstation';
import { registerIpc } from './registerIpc';
import { createMainWindow } from '../windows/mainWindow';
import { hardenWebContents } from '../windows/hardenWebContents';
import { appSchemePrivileges, configureSession } from './electronSession';
import { checkSafeStorage, safeStorageKeyProvider } from './safeStorageKey';
import { isAppUrl } from '../security/securityPolicy';

const logger = pino({ name: 'app', level: process.env.LOG_LEVEL ?? 'info' });

/** Where packaged builds keep resources/ (electron-builder `extraResources`), else the checkout's. */
function paths() {
  const appRoot = app.getAppPath();
  return {
    resourcesDir: app.isPackaged ? join(process.resourcesPath, 'resources') : join(appRoot, 'resources'),
    rendererDir: join(appRoot, 'out', 'renderer'),
    preloadPath: join(appRoot, 'out', 'preload', 'index.cjs'),
    iconPath: join(app.isPackaged ? process.resourcesPath : appRoot, 'resources', 'icons', 'icon.png'),
    dataDir: join(app.getPath('userData'), 'data'),
    keyPath: join(app.getPath('userData'), 'store-key.bin'),
  };
}

function fatal(title: string, message: string): void {
  logger.error({ title }, 'cannot start');
  dialog.showErrorBox(title, message);
  app.exit(1);
}

export function runApp(): void {
  if (!app.requestSingleInstanceLock()) {
    // A second workstation on the same database would fight over the store; the first one wins.
    app.quit();
    return;
  }
  const devTools = !app.isPackaged;
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
  app.enableSandbox();

  let workstation: Workstation | null = null;
  let mainWindow: BrowserWindow | null = null;

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { devTools }));
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    workstation?.close();
    workstation = null;
  });

  const start = async () => {
    const storage = checkSafeStorage(safeStorage, process.platform);
    if (!storage.ok) return fatal('The workstation cannot protect its data', storage.error.message);

    const where = paths();
    const opened = await openWorkstation({
      dataDir: where.dataDir,
      keyProvider: safeStorageKeyProvider(safeStorage, where.keyPath),
      resourcesDir: where.resourcesDir,
      host: 'electron',
    });
    if (!opened.ok) return fatal('The workstation cannot open its data', opened.error.message);
    const current = opened.value;
    workstation = current;

    configureSession(session.defaultSession, { rendererDir: where.rendererDir, devTools });
    registerIpc(ipcMain, current.handlers, { logger, validateOutput: devTools });
    mainWindow = createMainWindow({ preloadPath: where.preloadPath, iconPath: where.iconPath, devTools });
    mainWindow.on('closed', () => (mainWindow = null));

    current.onEvent((event, payload) => {
      const contents = mainWindow?.webContents;
      // Events carry appeal ids; only the app's own page receives them.
      if (contents && !contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(event, payload);
    });
  };

  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      logger.error({ err }, 'start-up failed');
      fatal(
        'The workstation failed to start',
        'An unexpected error stopped the start-up; the details are in the log.',
      );
    });
}
