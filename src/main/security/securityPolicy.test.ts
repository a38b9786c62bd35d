import {
  APP_ENTRY_URL,
  isAppUrl,
  isNavigationAllowed,
  isPermissionCheckAllowed,
  isPermissionRequestAllowed,
  isRequestAllowed,
  isTrustedSender,
} from './securityPolicy';

describe('the app origin', () => {
  it('recognises the app page and its assets', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://workstation/assets/index-abc123.js')).toBe(true);
    expect(isAppUrl('app://workstation')).toBe(true);
  });

  it('rejects look-alikes, other schemes and garbage', () => {
    for (const url of [
      'app://workstation.evil.example/index.html',
      'app://evil/index.html',
      'app://workstation:8080/index.html',
      'app://user@workstation/index.html',
      'file:///work/out/renderer/index.html',
      'https://workstation/index.html',
      'http://127.0.0.1:5151/',
      'not a url',
      '',
      undefined,
      null,
    ]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });
});

describe('the IPC sender check', () => {
  it('trusts only the main frame of the app page', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: `${APP_ENTRY_URL}#/appeals`, isMainFrame: true })).toBe(true);
  });

  it('refuses sub-frames, foreign pages and missing frames', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ url: 'https://example.org/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'file:///etc/passwd', isMainFrame: true })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});

describe('navigation', () => {
  it('stays inside the app and never follows links out', () => {
    expect(isNavigationAllowed('app://workstation/index.html')).toBe(true);
    expect(isNavigationAllowed('https://kyiv1551.gov.ua/')).toBe(false);
    expect(isNavigationAllowed('file:///home/user/')).toBe(false);
    expect(isNavigationAllowed('javascript:alert(1)')).toBe(false);
  });
});

describe('requests from windows', () => {
  it('allow the app, inline data and SIP over TLS only', () => {
    const options = { devTools: false };
    expect(isRequestAllowed('app://workstation/assets/a.js', options)).toBe(true);
    expect(isRequestAllowed('data:image/png;base64,AAAA', options)).toBe(true);
    expect(isRequestAllowed('blob:app://workstation/1234', options)).toBe(true);
    expect(isRequestAllowed('wss://pbx.center.example:8443/ws', options)).toBe(true);
    expect(isRequestAllowed('https://cdn.example/lib.js', options)).toBe(false);
    expect(isRequestAllowed('http://127.0.0.1:5151/', options)).toBe(false);
    expect(isRequestAllowed('ws://pbx.center.example/ws', options)).toBe(false);
    expect(isRequestAllowed('file:///etc/passwd', options)).toBe(false);
    expect(isRequestAllowed('app://other/index.html', options)).toBe(false);
  });

  it('allow devtools only when devtools are enabled', () => {
    expect(isRequestAllowed('devtools://devtools/bundled/x.js', { devTools: false })).toBe(false);
    expect(isRequestAllowed('devtools://devtools/bundled/x.js', { devTools: true })).toBe(true);
  });
});

describe('permissions', () => {
  it('grant the microphone to the app page', () => {
    expect(isPermissionRequestAllowed('media', { requestingUrl: APP_ENTRY_URL, mediaTypes: ['audio'] })).toBe(
      true,
    );
    expect(isPermissionCheckAllowed('media', 'app://workstation', { mediaType: 'audio' })).toBe(true);
  });

  it('deny the camera, even together with the microphone', () => {
    expect(isPermissionRequestAllowed('media', { requestingUrl: APP_ENTRY_URL, mediaTypes: ['video'] })).toBe(
      false,
    );
    expect(
      isPermissionRequestAllowed('media', { requestingUrl: APP_ENTRY_URL, mediaTypes: ['audio', 'video'] }),
    ).toBe(false);
    expect(isPermissionRequestAllowed('media', { requestingUrl: APP_ENTRY_URL, mediaTypes: [] })).toBe(false);
    expect(isPermissionRequestAllowed('media', { requestingUrl: APP_ENTRY_URL })).toBe(false);
    expect(isPermissionCheckAllowed('media', 'app://workstation', { mediaType: 'video' })).toBe(false);
    expect(isPermissionCheckAllowed('media', 'app://workstation', { mediaType: 'unknown' })).toBe(false);
  });

  it('deny the microphone to any other origin', () => {
    expect(
      isPermissionRequestAllowed('media', { requestingUrl: 'https://evil.example/', mediaTypes: ['audio'] }),
    ).toBe(false);
    expect(isPermissionCheckAllowed('media', 'https://evil.example', { mediaType: 'audio' })).toBe(false);
  });

  it('allow desktop notifications and speaker selection to the app only, for the softphone', () => {
    for (const permission of ['notifications', 'speaker-selection']) {
      expect(isPermissionRequestAllowed(permission, { requestingUrl: APP_ENTRY_URL })).toBe(true);
      expect(isPermissionCheckAllowed(permission, 'app://workstation', {})).toBe(true);
      expect(isPermissionRequestAllowed(permission, { requestingUrl: 'https://evil.example/' })).toBe(false);
      expect(isPermissionCheckAllowed(permission, 'https://evil.example', {})).toBe(false);
    }
  });

  it('deny every other permission', () => {
    for (const permission of ['geolocation', 'display-capture', 'clipboard-read', 'openExternal', 'hid']) {
      expect(
        isPermissionRequestAllowed(permission, { requestingUrl: APP_ENTRY_URL, mediaTypes: ['audio'] }),
      ).toBe(false);
      expect(isPermissionCheckAllowed(permission, 'app://workstation', { mediaType: 'audio' })).toBe(false);
    }
  });
});
