// pbx.ts's configuration rules, without starting anything: the shared token file, option
// validation, and a rendered Kamailio config that `kamailio -c` accepts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PbxOptions, renderKamailioConfig, resolvePbxToken } from '../../deploy/pbx/pbxConfig';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pbx-config-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const baseOptions = (dataDir: string): PbxOptions =>
  PbxOptions.parse({
    dataDir,
    listenIp: '127.0.0.1',
    sipUdpPort: 5060,
    wsPort: 8088,
    wssPort: 8443,
    rtpengineNgPort: 2223,
    rtpPortMin: 30000,
    rtpPortMax: 30999,
    domain: 'pbx.local',
    hotline: '1551',
    serverUrl: 'http://127.0.0.1:8080/',
    token: 'a'.repeat(64),
    enableTls: false,
    logLevel: 2,
    ha1CacheSeconds: 30,
    httpTimeoutSeconds: 2,
    ringSeconds: 20,
    queueMaxSeconds: 900,
    queueRefreshSeconds: 60,
  });

describe('PBX token', () => {
  it('prefers PBX_TOKEN from the environment', () => {
    const file = join(tempDir(), 'pbx-token');
    expect(resolvePbxToken({ PBX_TOKEN: ' from-env-token-123456 ' }, file)).toBe('from-env-token-123456');
  });

  it('creates the token file once, 32 random bytes in hex, readable by its owner only', () => {
    const file = join(tempDir(), 'nested', 'pbx-token');
    const token = resolvePbxToken({}, file);
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(resolvePbxToken({}, file)).toBe(token);
  });

  it('uses the token the central server already wrote', () => {
    const file = join(tempDir(), 'pbx-token');
    writeFileSync(file, 'written-by-the-server-0123\n', { mode: 0o600 });
    expect(resolvePbxToken({}, file)).toBe('written-by-the-server-0123');
  });
});

describe('PBX options and config', () => {
  it('rejects values that would break the config or leak into it', () => {
    const good = baseOptions(tempDir());
    expect(() => PbxOptions.parse({ ...good, token: 'short' })).toThrow();
    expect(() => PbxOptions.parse({ ...good, token: 'has"quote-0123456789' })).toThrow();
    expect(() => PbxOptions.parse({ ...good, hotline: '15 51' })).toThrow();
    expect(() => PbxOptions.parse({ ...good, rtpPortMin: 31000 })).toThrow();
    expect(() => PbxOptions.parse({ ...good, gateway: 'not a host' })).toThrow();
    expect(() => PbxOptions.parse({ ...good, tlsCert: '/only/the/cert.pem' })).toThrow();
    // A queued caller's transaction has 30 branches: the bound needs at most 20 ringback refreshes.
    expect(() => PbxOptions.parse({ ...good, queueMaxSeconds: 1500, queueRefreshSeconds: 60 })).toThrow(
      /at most 20/,
    );
    expect(() => PbxOptions.parse({ ...good, queueRefreshSeconds: 90 })).toThrow();
    expect(() => PbxOptions.parse({ ...good, controlUrl: 'https://pbx.example:8088' })).toThrow();
    expect(() => PbxOptions.parse({ ...good, controlUrl: 'http://pbx.example:8088' })).not.toThrow();
  });

  it('renders the queue: boot id, control URL, bound, the token for the control route', () => {
    const options = baseOptions(tempDir());
    const config = renderKamailioConfig(options, null, 'boot-0123456789');
    expect(config).toContain('&boot=boot-0123456789&ctl=');
    expect(config).toContain('$var(ctl) = "http://127.0.0.1:8088";');
    expect(config).toContain(`$hdr(Authorization) != "Bearer ${'a'.repeat(64)}"`);
    expect(config).toContain('$avp(deadline) = $TV(sn) + 900;');
    // The INVITE transaction outlives the wait and the offers after it (tm's default is 180 s).
    expect(config).toContain(`t_set_max_lifetime(${(900 + 8 * 20 + 60) * 1000}, 0);`);
    expect(renderKamailioConfig({ ...options, controlUrl: 'http://10.0.0.5:8088' }, null)).toContain(
      '$var(ctl) = "http://10.0.0.5:8088";',
    );
    expect(() => renderKamailioConfig(options, null, 'no spaces allowed')).toThrow();
    // Announcements: jansson and the ng-over-HTTP route only when asked for, and Kamailio accepts them.
    expect(config).not.toContain('#!define WITH_QUEUE_PROMPTS');
    expect(() => PbxOptions.parse({ ...options, queuePrompts: ['uk'] })).toThrow(/rtpengineHttpPort/);
    expect(() => PbxOptions.parse({ ...options, queuePrompts: ['de'], rtpengineHttpPort: 2224 })).toThrow();
    const announcing = renderKamailioConfig(
      { ...options, queuePrompts: ['kk', 'ru'], rtpengineHttpPort: 2224 },
      null,
    );
    expect(announcing).toContain('#!define WITH_QUEUE_PROMPTS');
    expect(announcing).toContain('http://127.0.0.1:2224/ng');
    const file = join(options.dataDir, 'announcing.cfg');
    writeFileSync(file, announcing);
    expect(() => execFileSync('/usr/sbin/kamailio', ['-c', '-f', file], { stdio: 'pipe' })).not.toThrow();
    // A new boot id for every render (every start).
    const ids = [1, 2].map(() => /&boot=([A-Za-z0-9-]+)&/.exec(renderKamailioConfig(options, null))?.[1]);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('renders a config Kamailio accepts, with TLS and the gateway only when asked for', () => {
    const dataDir = tempDir();
    const plain = renderKamailioConfig(baseOptions(dataDir), null);
    expect(plain).not.toMatch(/\{\{/);
    expect(plain).not.toMatch(/#!define WITH_TLS|#!define WITH_GATEWAY/);
    expect(plain).toContain('http://127.0.0.1:8080/api/v1/pbx/ha1?username=');

    const withGateway = renderKamailioConfig({ ...baseOptions(dataDir), gateway: '127.0.0.1:5099' }, null);
    expect(withGateway).toContain('#!define WITH_GATEWAY');
    const file = join(dataDir, 'kamailio.cfg');
    writeFileSync(file, withGateway);
    // `kamailio -c` parses the whole script and loads every module, without opening sockets.
    expect(() => execFileSync('/usr/sbin/kamailio', ['-c', '-f', file], { stdio: 'pipe' })).not.toThrow();
    expect(readFileSync(file, 'utf8')).toContain('sip:" + $rU + "@127.0.0.1:5099');
  });
});
