// Builds the renderer only (main and preload are bundled by scripts/buildElectron.mjs). The
// output is loaded from app:// in Electron and served by the web host, so every URL is relative.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// A build is what ships, so it is React's production build whatever the caller's environment says:
// vitest sets NODE_ENV=test, and the renderers the SIP tests built inside it were React's development
// build (heavier on every render, and 1.85 MB instead of 1.44 MB).
if (process.argv.includes('build')) process.env['NODE_ENV'] = 'production';

export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../out/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    // Fonts ship as files: no data: URLs for woff2, which keeps the bundle small and cacheable.
    assetsInlineLimit: 0,
    // One bundle read from local disk (Electron) or loopback (web host): no network cost to split for.
    chunkSizeWarningLimit: 1200,
  },
});
