// The operator's one window. Shown once the first paint is ready, so it never flashes empty.
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from '../security/securityPolicy';
import { secureWebPreferences } from './webPreferences';

export interface MainWindowOptions {
  preloadPath: string;
  iconPath: string;
  devTools: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    title: 'Appeal Workstation',
    icon: options.iconPath,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences({ preloadPath: options.preloadPath, devTools: options.devTools }),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
