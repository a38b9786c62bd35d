// `npm run pbx -- start|stop|status|restart|run [--flag value ...]`: the reference PBX
// (Kamailio + rtpengine) for development, tests and small sites. See deploy/pbx/README.md.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_QUEUE_MAX_SECONDS,
  DEFAULT_QUEUE_REFRESH_SECONDS,
  DEFAULT_RING_SECONDS,
  PbxOptions,
  repoRoot,
  resolvePbxToken,
} from './pbxConfig';
import { pbxStatus, readBootId, restartPbx, startPbx, stopPbx } from './pbxProcess';

const usage = `usage: npm run pbx -- <start|stop|status|restart|run> [options]
  --data-dir DIR        configs, logs, pids (env PBX_DATA_DIR, default .data/pbx)
  --listen-ip IP        bind address (env PBX_LISTEN_IP, default 127.0.0.1)
  --advertise-ip IP     public address behind NAT (env PBX_ADVERTISE_IP)
  --sip-port N          SIP/UDP for the PSTN side (env PBX_SIP_PORT, default 5060)
  --ws-port N           SIP over WS (env PBX_WS_PORT, default 8088)
  --wss-port N          SIP over WSS (env PBX_WSS_PORT, default 8443)
  --no-tls              no WSS listener
  --tls-cert FILE --tls-key FILE   certificate for WSS (default: self-signed in the data dir)
  --ng-port N           rtpengine control port (env PBX_NG_PORT, default 2223)
  --rtp-min N --rtp-max N          RTP port range (default 30000-30999)
  --domain NAME         SIP domain and digest realm (env PBX_DOMAIN, default pbx.local)
  --hotline NUMBER      number citizens dial (env PBX_HOTLINE, default 1551)
  --server URL          central server (env PBX_SERVER_URL, default http://127.0.0.1:8080)
  --gateway HOST:PORT   outbound PSTN gateway (env PBX_GATEWAY)
  --ring-seconds N      how long a hotline call rings one operator before the next (env PBX_RING_SECONDS, default 20)
  --queue-max-seconds N the PBX's own bound on a queued caller's wait, then busy; the server's
                        QUEUE_MAX_WAIT_SECONDS (default 600) must be smaller
                        (env PBX_QUEUE_MAX_SECONDS, default 900, 10-3600)
  --queue-refresh-seconds N  180 Ringing again this often while a caller waits
                        (env PBX_QUEUE_REFRESH_SECONDS, default 60, 5-60)
  --queue-prompts LANGS announce a waiting caller's position as early media, in these of uk,ru,kk,en
                        in this order, e.g. uk,en (env PBX_QUEUE_PROMPTS; default none: ringback only;
                        needs espeak-ng)
  --ng-http-port N      rtpengine's HTTP ng port, used by the announcements (env PBX_NG_HTTP_PORT, default 2224)
  --control-url URL     where the server wakes waiting callers (env PBX_CONTROL_URL,
                        default http://<advertise or listen ip>:<ws port>)
  --log-level N         Kamailio debug level (default 2)
The bearer token is PBX_TOKEN, else the file PBX_TOKEN_FILE (default .data/pbx-token, created when missing).`;

function optionsFromArgs(values: Record<string, string | boolean | undefined>): PbxOptions {
  const env = process.env;
  const text = (flag: string, envName: string | null, fallback?: string): string | undefined => {
    const value = values[flag];
    if (typeof value === 'string') return value;
    return (envName ? env[envName] : undefined) ?? fallback;
  };
  return PbxOptions.parse({
    dataDir: text('data-dir', 'PBX_DATA_DIR', join(repoRoot, '.data/pbx')),
    listenIp: text('listen-ip', 'PBX_LISTEN_IP', '127.0.0.1'),
    advertiseIp: text('advertise-ip', 'PBX_ADVERTISE_IP'),
    sipUdpPort: text('sip-port', 'PBX_SIP_PORT', '5060'),
    wsPort: text('ws-port', 'PBX_WS_PORT', '8088'),
    wssPort: text('wss-port', 'PBX_WSS_PORT', '8443'),
    rtpengineNgPort: text('ng-port', 'PBX_NG_PORT', '2223'),
    rtpPortMin: text('rtp-min', 'PBX_RTP_MIN', '30000'),
    rtpPortMax: text('rtp-max', 'PBX_RTP_MAX', '30999'),
    domain: text('domain', 'PBX_DOMAIN', 'pbx.local'),
    hotline: text('hotline', 'PBX_HOTLINE', '1551'),
    serverUrl: text('server', 'PBX_SERVER_URL', 'http://127.0.0.1:8080'),
    token: resolvePbxToken(env),
    gateway: text('gateway', 'PBX_GATEWAY'),
    tlsCert: text('tls-cert', 'PBX_TLS_CERT'),
    tlsKey: text('tls-key', 'PBX_TLS_KEY'),
    enableTls: values['no-tls'] !== true,
    logLevel: Number(text('log-level', 'PBX_LOG_LEVEL', '2')),
    ha1CacheSeconds: 30,
    httpTimeoutSeconds: 2,
    ringSeconds: Number(text('ring-seconds', 'PBX_RING_SECONDS', String(DEFAULT_RING_SECONDS))),
    queueMaxSeconds: Number(
      text('queue-max-seconds', 'PBX_QUEUE_MAX_SECONDS', String(DEFAULT_QUEUE_MAX_SECONDS)),
    ),
    queueRefreshSeconds: Number(
      text('queue-refresh-seconds', 'PBX_QUEUE_REFRESH_SECONDS', String(DEFAULT_QUEUE_REFRESH_SECONDS)),
    ),
    controlUrl: text('control-url', 'PBX_CONTROL_URL'),
    queuePrompts: (text('queue-prompts', 'PBX_QUEUE_PROMPTS', '') ?? '')
      .split(',')
      .map((language) => language.trim())
      .filter(Boolean),
    rtpengineHttpPort: text('ng-http-port', 'PBX_NG_HTTP_PORT', '2224'),
  });
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      'listen-ip': { type: 'string' },
      'advertise-ip': { type: 'string' },
      'sip-port': { type: 'string' },
      'ws-port': { type: 'string' },
      'wss-port': { type: 'string' },
      'no-tls': { type: 'boolean' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'ng-port': { type: 'string' },
      'rtp-min': { type: 'string' },
      'rtp-max': { type: 'string' },
      domain: { type: 'string' },
      hotline: { type: 'string' },
      server: { type: 'string' },
      gateway: { type: 'string' },
      'log-level': { type: 'string' },
      'ring-seconds': { type: 'string' },
      'queue-max-seconds': { type: 'string' },
      'queue-refresh-seconds': { type: 'string' },
      'control-url': { type: 'string' },
      'queue-prompts': { type: 'string' },
      'ng-http-port': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.info(usage);
    return command ? 0 : 2;
  }
  const dataDir =
    (values['data-dir'] as string | undefined) ?? process.env.PBX_DATA_DIR ?? join(repoRoot, '.data/pbx');
  switch (command) {
    case 'start':
    case 'run': {
      const options = optionsFromArgs(values);
      await startPbx(options);
      console.info(
        `pbx ready (boot ${readBootId(options.dataDir)}): sip udp ${options.listenIp}:${options.sipUdpPort}, ws ${options.wsPort}` +
          (options.enableTls ? `, wss ${options.wssPort}` : '') +
          `, domain ${options.domain}, hotline ${options.hotline}, logs in ${options.dataDir}`,
      );
      if (command === 'start') return 0;
      // `run`: stay in the foreground until interrupted, then stop both daemons.
      await new Promise<void>((resolveStop) => {
        process.once('SIGINT', resolveStop);
        process.once('SIGTERM', resolveStop);
      });
      await stopPbx(options.dataDir);
      return 0;
    }
    case 'stop':
      await stopPbx(dataDir);
      console.info('pbx stopped');
      return 0;
    case 'restart':
      await restartPbx(dataDir);
      console.info(`pbx restarted (boot ${readBootId(dataDir)})`);
      return 0;
    case 'status': {
      const status = await pbxStatus(dataDir);
      console.info(JSON.stringify(status, null, 2));
      return status.kamailio.ready && status.rtpengine.ready ? 0 : 1;
    }
    default:
      console.error(`unknown command ${command}\n${usage}`);
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`pbx: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
