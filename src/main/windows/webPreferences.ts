// The web preferences of every window, spelled out even where they equal Electron's defaults, so
// a future default change or a careless edit cannot loosen them silently (checklist items 2-4, 6,
// 8-10, 11-12).
import type { WebPreferences } from 'electron';

export function secureWebPreferences(options: { preloadPath: string; devTools: boolean }): WebPreferences {
  return {
    preload: options.preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: options.devTools,
    spellcheck: true,
  };
}
