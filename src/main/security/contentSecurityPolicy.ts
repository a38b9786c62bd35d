// One Content-Security-Policy for both hosts: Electron sends it with every app:// response and on
// all other responses via session.webRequest; the web host sends it as an HTTP header. A <meta>
// tag in index.html would be a weaker copy (it cannot carry frame-ancestors) and is not needed.

/**
 * SIP over WebSocket to the center's PBX. Its address is configured per center at run time, so
 * the policy names the scheme rather than a host; production PBXs speak TLS (wss:).
 */
export const SIP_CONNECT_SOURCES = ['wss:'] as const;

export interface CspOptions {
  /** Origins the page may open connections to besides itself (e.g. `ws://127.0.0.1:5151`). */
  connectSrc?: readonly string[];
}

const SOURCE = /^(?:'self'|[a-z][a-z0-9+.-]*:(?:\/\/[a-z0-9.[\]:*-]+)?)$/i;

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const connect = ["'self'", ...(options.connectSrc ?? [])];
  for (const source of connect) {
    // A space or semicolon in a source would inject directives.
    if (!SOURCE.test(source)) throw new Error(`Not a CSP source expression: ${source}`);
  }
  const directives: [string, ...string[]][] = [
    ['default-src', "'none'"],
    ['script-src', "'self'"],
    // MUI styles through emotion, which inserts <style> elements at run time; scripts stay strict.
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'", 'data:'],
    // Ringtones ship with the app; remote call audio is a MediaStream (srcObject, not a URL).
    ['media-src', "'self'", 'blob:'],
    ['connect-src', ...connect],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-src', "'none'"],
    ['frame-ancestors', "'none'"],
    ['worker-src', "'none'"],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}
