import { join, resolve } from 'node:path';
import { cacheControlOf, contentTypeOf, resolveRendererPath } from './rendererFiles';

const root = resolve('/srv/renderer');

describe('resolveRendererPath', () => {
  it('serves index.html for the root', () => {
    expect(resolveRendererPath(root, '/')).toEqual({
      kind: 'file',
      path: join(root, 'index.html'),
      fallback: false,
    });
  });

  it('maps a file path inside the folder', () => {
    expect(resolveRendererPath(root, '/assets/index-AbCd1234.js')).toEqual({
      kind: 'file',
      path: join(root, 'assets', 'index-AbCd1234.js'),
      fallback: false,
    });
  });

  it('decodes percent-encoded names', () => {
    const result = resolveRendererPath(root, '/assets/%D0%B7%D0%B2%D1%83%D0%BA.ogg');
    expect(result).toEqual({ kind: 'file', path: join(root, 'assets', 'звук.ogg'), fallback: false });
  });

  it('falls back to index.html for the app routes', () => {
    expect(resolveRendererPath(root, '/appeals/123')).toEqual({
      kind: 'file',
      path: join(root, 'index.html'),
      fallback: true,
    });
  });

  it('refuses every way out of the folder', () => {
    for (const attempt of [
      '/../etc/passwd',
      '/assets/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%2f..%2fetc%2fpasswd',
      '/assets/..%5c..%5cwindows%5cwin.ini',
      '/index.html%00.png',
      '/%E0%A4%A',
      'relative/path',
    ]) {
      expect(resolveRendererPath(root, attempt).kind, attempt).toBe('refused');
    }
  });
});

describe('contentTypeOf', () => {
  it('names the types the renderer build produces', () => {
    expect(contentTypeOf('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/x/assets/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/x/assets/index-abc.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('/x/assets/roboto-abc.woff2')).toBe('font/woff2');
    expect(contentTypeOf('/x/ring.OGG')).toBe('audio/ogg');
    expect(contentTypeOf('/x/icon.svg')).toBe('image/svg+xml');
  });

  it('serves unknown types as opaque bytes', () => {
    expect(contentTypeOf('/x/data.bin')).toBe('application/octet-stream');
  });
});

describe('cacheControlOf', () => {
  it('caches hashed assets forever', () => {
    expect(cacheControlOf(join(root, 'assets', 'index-B2x9_kLm.js'))).toBe(
      'public, max-age=31536000, immutable',
    );
  });

  it('revalidates index.html and unhashed files', () => {
    expect(cacheControlOf(join(root, 'index.html'))).toBe('no-cache');
    expect(cacheControlOf(join(root, 'favicon.png'))).toBe('no-cache');
    expect(cacheControlOf(join(root, 'assets', 'logo.png'))).toBe('no-cache');
  });
});
