// Serves the built renderer over HTTP. Only GET and HEAD; every response carries the security
// headers; hashed assets are cached for good, everything else is revalidated with an ETag.
import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cacheControlOf, contentTypeOf, resolveRendererPath } from '../security/rendererFiles';

export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    // The softphone needs the microphone; nothing needs the camera, location or other devices.
    'Permissions-Policy':
      'microphone=(self), camera=(), geolocation=(), display-capture=(), usb=(), serial=(), hid=()',
  };
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string>,
): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

async function fileStats(path: string): Promise<Stats | null> {
  try {
    const stats = await stat(path);
    return stats.isFile() ? stats : null;
  } catch {
    return null;
  }
}

export async function serveRendererFile(
  req: IncomingMessage,
  res: ServerResponse,
  rootDir: string,
  headers: Record<string, string>,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Method not allowed', { ...headers, Allow: 'GET, HEAD' });
    return;
  }
  const pathname = (req.url ?? '/').split('?')[0] ?? '/';
  const resolved = resolveRendererPath(rootDir, pathname);
  if (resolved.kind === 'refused') {
    sendText(res, 400, 'Bad request path', headers);
    return;
  }
  const stats = await fileStats(resolved.path);
  if (stats === null) {
    sendText(res, 404, 'Not found', headers);
    return;
  }
  const etag = `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
  const common = { ...headers, ETag: etag, 'Cache-Control': cacheControlOf(resolved.path) };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  res.writeHead(200, {
    ...common,
    'Content-Type': contentTypeOf(resolved.path),
    'Content-Length': stats.size,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(resolved.path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
