// Wires the pure policies of securityPolicy.ts into an Electron session: the app:// protocol that
// serves the renderer with the CSP, the request filter, and the permission handlers.
import { readFile } from 'node:fs/promises';
import type { Session } from 'electron';
import { contentSecurityPolicy, SIP_CONNECT_SOURCES } from '../security/contentSecurityPolicy';
import { contentTypeOf, resolveRendererPath } from '../security/rendererFiles';
import {
  APP_HOST,
  APP_SCHEME,
  isPermissionCheckAllowed,
  isPermissionRequestAllowed,
  isRequestAllowed,
} from '../security/securityPolicy';

/** Must run before `app` is ready (Electron's rule for privileged schemes). */
export const appSchemePrivileges = {
  scheme: APP_SCHEME,
  // `standard` gives the page a real origin; `secure` makes it a secure context (getUserMedia).
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

export interface SessionOptions {
  rendererDir: string;
  devTools: boolean;
}

export function configureSession(session: Session, options: SessionOptions): void {
  const csp = contentSecurityPolicy({ connectSrc: SIP_CONNECT_SOURCES });
  const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };

  session.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404, headers });
    const resolved = resolveRendererPath(options.rendererDir, url.pathname);
    if (resolved.kind === 'refused') return new Response('Bad request path', { status: 400, headers });
    try {
      const body = new Uint8Array(await readFile(resolved.path));
      return new Response(body, { headers: { ...headers, 'Content-Type': contentTypeOf(resolved.path) } });
    } catch {
      return new Response('Not found', { status: 404, headers });
    }
  });

  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isRequestAllowed(details.url, { devTools: options.devTools }) });
  });
  // Any response not served by the protocol above carries the same policy.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });

  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(isPermissionRequestAllowed(permission, { requestingUrl: details.requestingUrl, mediaTypes }));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionCheckAllowed(permission, requestingOrigin, details),
  );
  // USB, HID, serial and Bluetooth devices: never.
  session.setDevicePermissionHandler(() => false);
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on('select-serial-port', (event, _portList, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
}
