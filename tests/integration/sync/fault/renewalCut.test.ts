// A token renewal whose answer is cut off after the server rotated the token, and the workstation
// dies before it can retry: after a restart it is still signed in and syncs (found by the soak).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFaultProxy, type FaultProxy } from './faultProxy';
import { SOAK_PASSWORD, startSoakServer, type SoakServer } from './soakServer';
import { openStation } from './soakStations';

const ctx = { senderId: 'renewal-test' };
let server: SoakServer;
let proxy: FaultProxy;
let dir: string;
beforeAll(async () => {
  server = await startSoakServer();
  proxy = await startFaultProxy({ targetPort: server.port() });
  dir = mkdtempSync(join(tmpdir(), 'renewal-cut-'));
}, 60_000);
afterAll(async () => {
  await proxy.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const rotations = async () =>
  Number(
    (
      await server.admin.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM refresh_tokens WHERE revoked_reason = 'rotated'`,
      )
    ).rows[0]!.n,
  );

it('stays signed in after a renewal answer was cut and the workstation restarted', async () => {
  const key = randomBytes(32);
  const tuning = { serverUrl: proxy.url, random: Math.random };
  let w = await openStation(dir, key, tuning);
  const login = await w.handlers['auth:login']({ username: 'operator1', password: SOAK_PASSWORD }, ctx);
  expect(login.ok).toBe(true);
  // Access tokens live 20 s, less than the client's 30 s margin: every round renews first.
  const before = await rotations();
  proxy.setMode('cut');
  const cut = await w.handlers['sync:now']({}, ctx);
  expect(cut.ok && cut.value.lastError).toBeTruthy();
  expect(await rotations()).toBeGreaterThan(before);
  w.close();

  proxy.setMode('pass');
  w = await openStation(dir, key, tuning);
  try {
    const healed = await w.handlers['sync:now']({}, ctx);
    expect(healed.ok && healed.value.lastError).toBeNull();
    const session = await w.handlers['auth:session']({}, ctx);
    expect(session.ok && session.value.user?.username).toBe('operator1');
  } finally {
    w.close();
  }
}, 60_000);
