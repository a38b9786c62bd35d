// The PBX against the REAL central server (src/server/pbx, embedded PostgreSQL): SIP credentials
// issued by POST /api/v1/sip/credentials are what the PBX accepts, over WSS like the softphone.
// Routing to an available operator needs the live agent protocol (a workstation going available);
// here the server has nobody signed in, so it refuses to queue the call (410 no_operator) and the
// PBX answers 486.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/ports';
import { startRealCentralServer, type RealCentralServer } from './support/realCentralServer';
import { runSipp } from './support/sipp';
import { startTestPbx, TEST_DOMAIN, TEST_HOTLINE, type TestPbx } from './support/testPbx';
import { WsSipClient } from './support/wsSipClient';

const TOKEN = 'a1b2c3d4'.repeat(8);

let server: RealCentralServer;
let pbx: TestPbx;
const clients: WsSipClient[] = [];

async function registerOverWss(account: { username: string; domain: string; ha1: string }) {
  const client = await WsSipClient.connect(`wss://127.0.0.1:${pbx.options.wssPort}`, account);
  clients.push(client);
  return client.register();
}

beforeAll(async () => {
  const wssPort = await freePort();
  server = await startRealCentralServer({
    token: TOKEN,
    domain: TEST_DOMAIN,
    wsUri: `wss://127.0.0.1:${wssPort}`,
    hotline: TEST_HOTLINE,
  });
  pbx = await startTestPbx({ serverUrl: server.url, token: TOKEN, wssPort });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await pbx?.close();
  await server?.close();
});

describe('reference PBX with the real central server', () => {
  it('registers the softphone account the server issued, and only with its current HA1', async () => {
    const first = await server.issueSipCredentials('operator1');
    expect(first.domain).toBe(TEST_DOMAIN);
    expect(first.wsUri).toBe(`wss://127.0.0.1:${pbx.options.wssPort}`);
    expect((await registerOverWss(first)).status, pbx.kamailioLog()).toBe(200);

    // A new sign-in issues new credentials: the old HA1 stops working at once, despite the cache.
    const second = await server.issueSipCredentials('operator1');
    expect(second.ha1).not.toBe(first.ha1);
    expect((await registerOverWss(second)).status).toBe(200);
    expect((await registerOverWss(first)).status).toBe(403);
  });

  it('refuses an account the server never issued SIP credentials for', async () => {
    const response = await registerOverWss({
      username: 'operator2',
      domain: TEST_DOMAIN,
      ha1: '0'.repeat(32),
    });
    expect(response.status).toBe(403);
    expect(response.startLine).toContain('No SIP credentials');
  });

  it('answers a hotline call with 486 when the server has no operator available', async () => {
    const call = await runSipp({
      scenario: 'uac_call',
      remote: pbx.sipTarget,
      localPort: await freePort(),
      service: TEST_HOTLINE,
      keys: { caller: '0000000003' },
      mediaPort: await freePort(),
      timeoutSeconds: 15,
    });
    expect(call.exitCode, pbx.kamailioLog()).toBe(0);
    expect(call.receivedStatuses.at(-1)).toBe(486);
  });
});
