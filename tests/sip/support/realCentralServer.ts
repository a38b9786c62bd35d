// The REAL central server (src/server) for PBX tests, configured for SIP: an embedded PostgreSQL,
// migrated and seeded with the demo accounts, SIP_WS_URI/SIP_DOMAIN pointing at the test PBX and
// the shared PBX token. Same building blocks as tests/e2e/support/serverInstance.ts, whose
// startRealServer() takes no environment yet; fold this into it once it does.
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../../../src/server/app';
import { serverConfig } from '../../../src/server/config';
import { migrate } from '../../../src/server/db/migrate';
import { createPool } from '../../../src/server/db/pool';
import { demoUsers, seedReference, seedUsers } from '../../../src/server/db/seed';
import { startEmbeddedPostgres } from '../../../src/server/embedded';
import { AUTH_PATHS, TokenPair } from '../../../src/shared/sync/auth';
import { SIP_PATHS, SipCredentials } from '../../../src/shared/softphone/sipConfig';
import { freePort } from './ports';

export interface RealCentralServer {
  url: string;
  /** Signs `username` in (demo password) and has the server issue fresh SIP credentials. */
  issueSipCredentials(username: string): Promise<SipCredentials>;
  close(): Promise<void>;
}

export async function startRealCentralServer(sip: {
  token: string;
  domain: string;
  wsUri: string;
  hotline: string;
}): Promise<RealCentralServer> {
  const parent = mkdtempSync(join(tmpdir(), 'pbx-real-server-'));
  const db = await startEmbeddedPostgres({ dataDir: join(parent, 'cluster'), port: await freePort() });
  const pool = createPool(db.url, 10);
  await migrate(pool);
  await seedReference(pool);
  await seedUsers(
    pool,
    demoUsers('').map((u) => ({ ...u, password: `demo-${u.username}` })),
  );
  const config = serverConfig(
    { metricsToken: null },
    {
      PBX_TOKEN: sip.token,
      SIP_WS_URI: sip.wsUri,
      SIP_DOMAIN: sip.domain,
      HOTLINE_NUMBER: sip.hotline,
    },
  );
  const app: FastifyInstance = buildServer({ pool, config, logger: false });
  const port = await freePort();
  await app.listen({ port, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${port}`;

  const postJson = async (path: string, body: unknown, accessToken?: string) => {
    const response = await fetch(url + path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<unknown>;
  };

  return {
    url,
    issueSipCredentials: async (username) => {
      const session = TokenPair.parse(
        await postJson(AUTH_PATHS.login, { username, password: `demo-${username}` }),
      );
      return SipCredentials.parse(await postJson(SIP_PATHS.credentials, {}, session.accessToken));
    },
    close: async () => {
      await app.close();
      await pool.end().catch(() => undefined);
      await db.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
