// How both hosts map a request path to a file of the built renderer (out/renderer): no way out of
// the folder, single-page fallback to index.html, MIME types and caching. Pure Node, no Electron.
import { extname, join, posix, resolve, sep } from 'node:path';

export type RendererFile =
  | { kind: 'file'; path: string; fallback: boolean }
  /** The path tried to leave the renderer folder or was not a valid path at all. */
  | { kind: 'refused'; reason: string };

export const INDEX_FILE = 'index.html';

/**
 * Resolves a URL pathname (still percent-encoded) inside `rootDir`. Paths without a file
 * extension are the app's own routes and resolve to index.html; the caller checks existence.
 */
export function resolveRendererPath(rootDir: string, pathname: string): RendererFile {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: 'refused', reason: 'malformed percent-encoding' };
  }
  if (!decoded.startsWith('/')) return { kind: 'refused', reason: 'not an absolute path' };
  if (decoded.includes('\0') || decoded.includes('\\'))
    return { kind: 'refused', reason: 'forbidden character' };
  if (decoded.split('/').some((segment) => segment === '..'))
    return { kind: 'refused', reason: 'parent segment' };

  const root = resolve(rootDir);
  const relative = posix.normalize(decoded).replace(/^\/+/, '');
  if (relative === '' || relative === '.')
    return { kind: 'file', path: join(root, INDEX_FILE), fallback: false };
  const full = resolve(root, relative);
  if (!full.startsWith(root + sep)) return { kind: 'refused', reason: 'outside the renderer folder' };
  if (extname(full) === '') return { kind: 'file', path: join(root, INDEX_FILE), fallback: true };
  return { kind: 'file', path: full, fallback: false };
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.webm': 'audio/webm',
  '.wasm': 'application/wasm',
};

/** With `X-Content-Type-Options: nosniff`, an unknown type is served as opaque bytes. */
export function contentTypeOf(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

// Vite names built assets `name-<hash>.ext` under assets/: a changed file gets a new name.
const HASHED_ASSET = /(?:^|[\\/])assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

export function cacheControlOf(path: string): string {
  return HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}
