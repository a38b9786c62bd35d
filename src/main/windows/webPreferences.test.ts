import { secureWebPreferences } from './webPreferences';

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the page without Node', () => {
    const prefs = secureWebPreferences({ preloadPath: '/app/out/preload/index.cjs', devTools: false });
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('allows devtools only when asked (development builds)', () => {
    expect(secureWebPreferences({ preloadPath: 'p', devTools: false }).devTools).toBe(false);
    expect(secureWebPreferences({ preloadPath: 'p', devTools: true }).devTools).toBe(true);
  });
});
