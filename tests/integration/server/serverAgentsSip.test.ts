// SIP credentials and the PBX token: issue, HA1 as the PBX sees it, revocation by logout and by
// disabling the account, and the PBX routes' guard (real embedded PostgreSQL, real server).
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestHa1 } from '../../../src/server/agents/sipCredentials';
import { serverConfig, type SipSettings } from '../../../src/server/config';
import { loadOrCreatePbxToken } from '../../../src/server/pbx/pbxToken';
import { SipCredentials } from '../../../src/shared/softphone/sipConfig';
import {
  bearer,
  login,
  startServerDatabase,
  testServer,
  usernameFor,
  type ServerDatabase,
} from './serverHarness';

let db: ServerDatabase;
let app: FastifyInstance;
let dir: string;
let tokenFile: string;

const sip: SipSettings = {
  wsUri: 'wss://pbx.test:8443',
  domain: 'pbx.test',
  hotline: '1551',
  iceServers: [{ urls: 'stun:stun.pbx.test:3478' }],
  wrapUpSeconds: 30,
};

beforeAll(async () => {
  db = await startServerDatabase();
  dir = mkdtempSync(join(tmpdir(), 'pbx-token-'));
  tokenFile = join(dir, 'data', 'pbx-token');
  app = await testServer(db.pool, { sip, pbxTokenFile: tokenFile });
});
afterAll(async () => {
  await app?.close();
  await db?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const issue = async (accessToken: string) =>
  app.inject({ method: 'POST', url: '/api/v1/sip/credentials', headers: bearer(accessToken) });

const pbxGet = (url: string, token?: string) =>
  app.inject({ method: 'GET', url, headers: token ? bearer(token) : {} });

const pbxToken = () => loadOrCreatePbxToken(tokenFile);

describe('SIP credentials', () => {
  it('computes HA1 as RFC 2617 does', () => {
    expect(digestHa1('Mufasa', 'testrealm@host.com', 'Circle Of Life')).toBe(
      '939e7578ed9e3c518a452acee763bce9',
    );
  });

  it('issues credentials from the server configuration and keeps only the HA1', async () => {
    const operator = await login(app, 'operator');
    const res = await issue(operator.accessToken);
    expect(res.statusCode, res.body).toBe(200);
    const creds = SipCredentials.parse(res.json());
    expect(creds).toMatchObject({
      username: usernameFor.operator,
      domain: 'pbx.test',
      wsUri: 'wss://pbx.test:8443',
      hotline: '1551',
      iceServers: [{ urls: 'stun:stun.pbx.test:3478' }],
      displayName: operator.user.name,
      wrapUpSeconds: 30,
    });
    const { rows } = await db.pool.query(
      'SELECT username, realm, ha1 FROM sip_credentials WHERE user_id = $1',
      [operator.user.id],
    );
    expect(rows).toEqual([{ username: usernameFor.operator, realm: 'pbx.test', ha1: creds.ha1 }]);

    // The PBX gets the same HA1; a new issue replaces it with a fresh one.
    const seen = await pbxGet(`/api/v1/pbx/ha1?username=${creds.username}&realm=pbx.test`, await pbxToken());
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['content-type']).toMatch(/^text\/plain/);
    expect(seen.body).toBe(creds.ha1);
    const again = SipCredentials.parse((await issue(operator.accessToken)).json());
    expect(again.ha1).not.toBe(creds.ha1);
    expect(
      (await pbxGet(`/api/v1/pbx/ha1?username=${creds.username}&realm=pbx.test`, await pbxToken())).body,
    ).toBe(again.ha1);
  });

  it('keeps the credentials across a token refresh and revokes them at logout', async () => {
    const lead = await login(app, 'team_lead');
    const creds = SipCredentials.parse((await issue(lead.accessToken)).json());
    const ha1Url = `/api/v1/pbx/ha1?username=${creds.username}&realm=pbx.test`;
    const refreshed = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: lead.refreshToken },
    });
    expect(refreshed.statusCode).toBe(200);
    expect((await pbxGet(ha1Url, await pbxToken())).body).toBe(creds.ha1);

    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: bearer(refreshed.json().accessToken),
      payload: {},
    });
    expect(out.statusCode).toBe(204);
    expect((await pbxGet(ha1Url, await pbxToken())).statusCode).toBe(404);
    const { rowCount } = await db.pool.query('SELECT 1 FROM sip_credentials WHERE user_id = $1', [
      lead.user.id,
    ]);
    expect(rowCount).toBe(0);
  });

  it('revokes the credentials when the account is disabled', async () => {
    const operator = await login(app, 'operator');
    const creds = SipCredentials.parse((await issue(operator.accessToken)).json());
    const ha1Url = `/api/v1/pbx/ha1?username=${creds.username}&realm=pbx.test`;
    expect((await pbxGet(ha1Url, await pbxToken())).statusCode).toBe(200);
    await db.pool.query('UPDATE users SET disabled = true WHERE id = $1', [operator.user.id]);
    try {
      expect((await pbxGet(ha1Url, await pbxToken())).statusCode).toBe(404);
      const { rowCount } = await db.pool.query('SELECT 1 FROM sip_credentials WHERE user_id = $1', [
        operator.user.id,
      ]);
      expect(rowCount).toBe(0);
    } finally {
      await db.pool.query('UPDATE users SET disabled = false WHERE id = $1', [operator.user.id]);
    }
  });

  it('answers 404 sip_not_configured without SIP_WS_URI', async () => {
    const bare = await testServer(db.pool, { sip: serverConfig({}, {}).sip });
    try {
      const operator = await login(bare, 'operator');
      const res = await bare.inject({
        method: 'POST',
        url: '/api/v1/sip/credentials',
        headers: bearer(operator),
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('sip_not_configured');
    } finally {
      await bare.close();
    }
  });

  it('reads the SIP settings from the environment', () => {
    expect(serverConfig({}, { SIP_WS_URI: 'wss://pbx.example.org:8443' }).sip).toEqual({
      wsUri: 'wss://pbx.example.org:8443',
      domain: 'pbx.example.org',
      hotline: '1551',
      iceServers: [],
      wrapUpSeconds: 30,
    });
    const full = serverConfig(
      {},
      {
        SIP_WS_URI: 'wss://pbx.example.org:8443',
        SIP_DOMAIN: 'kyiv.example.org',
        HOTLINE_NUMBER: '15510',
        SIP_ICE_SERVERS: '[{"urls":["turn:turn.example.org:3478"],"username":"u","credential":"c"}]',
        WRAP_UP_SECONDS: '45',
      },
    ).sip;
    expect(full).toMatchObject({ domain: 'kyiv.example.org', hotline: '15510', wrapUpSeconds: 45 });
    expect(full.iceServers).toHaveLength(1);
    expect(() => serverConfig({}, { SIP_ICE_SERVERS: '{oops' })).toThrow(/SIP_ICE_SERVERS is not valid JSON/);
    expect(() => serverConfig({}, { SIP_ICE_SERVERS: '[{"url":"stun:x"}]' })).toThrow(/SIP_ICE_SERVERS/);
    expect(() => serverConfig({}, { WRAP_UP_SECONDS: '-1' })).toThrow(/WRAP_UP_SECONDS/);
  });
});

describe('the PBX token', () => {
  it('is created once, 64 hex characters, mode 0600, even when many ask at once', async () => {
    const other = join(dir, 'race', 'pbx-token');
    const tokens = await Promise.all(Array.from({ length: 10 }, () => loadOrCreatePbxToken(other)));
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(other, 'utf8').trim()).toBe(tokens[0]);
    expect(statSync(other).mode & 0o777).toBe(0o600);
    await expect(loadOrCreatePbxToken(other)).resolves.toBe(tokens[0]);
  });

  it('refuses a token file that does not hold a token', async () => {
    const bad = join(dir, 'bad-token');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bad, 'not-a-token\n');
    await expect(loadOrCreatePbxToken(bad)).rejects.toThrow(/64 hex characters/);
  });

  it('is required by the PBX routes: none, wrong or a user token answer 401', async () => {
    const url = `/api/v1/pbx/ha1?username=${usernameFor.operator}&realm=pbx.test`;
    const operator = await login(app, 'operator');
    const admin = await login(app, 'admin');
    for (const token of [
      undefined,
      'f'.repeat(64),
      (await pbxToken()).slice(0, 63),
      operator.accessToken,
      admin.accessToken,
    ]) {
      const res = await pbxGet(url, token);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthorized');
    }
    const route = await pbxGet('/api/v1/pbx/route?to=1551&from=x&callId=c1', admin.accessToken);
    expect(route.statusCode).toBe(401);
  });

  it('does not open user routes', async () => {
    const token = await pbxToken();
    expect((await pbxGet('/api/v1/auth/me', token)).statusCode).toBe(401);
    expect((await pbxGet('/api/v1/agents', token)).statusCode).toBe(401);
  });

  it('answers 404 for an unknown account or realm and 400 for a malformed query', async () => {
    const token = await pbxToken();
    expect((await pbxGet('/api/v1/pbx/ha1?username=nobody&realm=pbx.test', token)).statusCode).toBe(404);
    expect(
      (await pbxGet(`/api/v1/pbx/ha1?username=${usernameFor.operator}&realm=other`, token)).statusCode,
    ).toBe(404);
    expect((await pbxGet('/api/v1/pbx/ha1?username=x', token)).statusCode).toBe(400);
    expect((await pbxGet('/api/v1/pbx/route?to=1551&from=x', token)).statusCode).toBe(400);
  });

  it('is taken from PBX_TOKEN when set', async () => {
    const fixed = await testServer(
      db.pool,
      serverConfig({ pbxTokenFile: join(dir, 'unused') }, { PBX_TOKEN: 'c'.repeat(64) }),
    );
    try {
      const res = await fixed.inject({
        method: 'GET',
        url: '/api/v1/pbx/ha1?username=nobody&realm=pbx.test',
        headers: bearer('c'.repeat(64)),
      });
      expect(res.statusCode).toBe(404);
      expect(() => statSync(join(dir, 'unused'))).toThrow();
    } finally {
      await fixed.close();
    }
  });
});
