import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Six tiers: unit (pure Node), ui (components in happy-dom), integration (real SQLite files,
// real processes), fuzz (generated hostile requests to the server and the web host), e2e (Debian
// Chromium driving the web host), sip (a real PBX and SIP peers).
export default defineConfig({
  test: {
    globals: true,
    projects: [
      {
        test: {
          name: 'unit',
          globals: true,
          environment: 'node',
          include: [
            'src/shared/**/*.test.ts',
            'src/main/**/*.test.ts',
            'src/preload/**/*.test.ts',
            'src/server/**/*.test.ts',
            'deploy/**/*.test.ts',
            'scripts/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'ui',
          globals: true,
          environment: 'happy-dom',
          include: ['src/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/setupUi.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          globals: true,
          environment: 'node',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Generated requests (fast-check, fixed seed): every server route, sync batches, the live
        // socket and the web host's IPC, with valid, boundary and hostile values (tests/fuzz/README.md).
        test: {
          name: 'fuzz',
          globals: true,
          environment: 'node',
          include: ['tests/fuzz/**/*.test.ts'],
          globalSetup: ['tests/fuzz/support/globalSetup.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          globals: true,
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
      {
        // Real SIP peers: Kamailio + rtpengine, sipp/baresip and Chromium, run by scripts/test.sh
        // inside a private network namespace that has only loopback (SIP-TESTBED.md).
        test: {
          name: 'sip',
          globals: true,
          environment: 'node',
          include: ['tests/sip/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
