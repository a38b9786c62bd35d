// `npm run start:web [-- --port N --data DIR]`: the workstation in a browser on this machine.
// stdout carries exactly one line, `Workstation ready: <url>`, for people and scripts to read;
// progress and logs go to stderr.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { envKeyProvider, fileKeyProvider } from '../security/keyProvider';
import { openWorkstation } from '../workstation';
import { startWebHost } from './webHost';
import { parseStartWebArgs, START_WEB_USAGE } from './startWebArgs';

/** The checkout: found upwards, since this file also runs bundled from out/web (scripts/startWeb.mjs). */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'resources'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No checkout (package.json and resources/) above ${from}`);
  }
}

const root = findRoot(dirname(fileURLToPath(import.meta.url)));

function exitWith(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function buildRendererIfMissing(rendererDir: string): Promise<void> {
  if (existsSync(join(rendererDir, 'index.html'))) return;
  process.stderr.write(`Building the renderer (${join(rendererDir, 'index.html')} is missing)...\n`);
  const { build } = await import('vite');
  try {
    await build({
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: rendererDir, emptyOutDir: true },
    });
  } catch (e) {
    exitWith(`Building the renderer failed: ${(e as Error).message}`);
  }
}

/**
 * `--server URL`: the central server to sign in to and sync with. Without it the workstation works
 * alone, with no sign-in. Taken out before the other options are parsed.
 */
function takeServerOption(argv: string[]): { rest: string[]; serverUrl: string | null } {
  const rest: string[] = [];
  let serverUrl: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--server') serverUrl = argv[++i] ?? '';
    else if (arg.startsWith('--server=')) serverUrl = arg.slice('--server='.length);
    else rest.push(arg);
  }
  if (serverUrl !== null && !/^https?:\/\/[^\s/]+/.test(serverUrl))
    exitWith(
      `--server needs an http(s) URL of the central server, e.g. http://127.0.0.1:8080, not "${serverUrl}"`,
    );
  return { rest, serverUrl };
}

async function main(): Promise<void> {
  const { rest, serverUrl } = takeServerOption(process.argv.slice(2));
  const args = parseStartWebArgs(rest, {
    env: process.env,
    platform: process.platform,
    home: homedir(),
  });
  if (!args.ok) exitWith(args.error.message);
  if (args.value === 'help') {
    process.stderr.write(
      `${START_WEB_USAGE}\n  --server URL     the central server to sign in to and sync with\n`,
    );
    return;
  }
  const { port, dataDir, connectSrc } = args.value;
  const rendererDir = resolve(args.value.rendererDir ?? join(root, 'out', 'renderer'));

  await buildRendererIfMissing(rendererDir);

  const keyProvider = process.env.WORKSTATION_DB_KEY
    ? envKeyProvider()
    : fileKeyProvider(join(dataDir, 'store.key'));
  const opened = await openWorkstation({
    dataDir,
    keyProvider,
    resourcesDir: join(root, 'resources'),
    host: 'web',
    sync: serverUrl ? { serverUrl } : null,
  });
  if (!opened.ok) exitWith(`Cannot open the workstation data in ${dataDir}: ${opened.error.message}`);
  const workstation = opened.value;

  const logger = pino({ name: 'web-host', level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));
  let host;
  try {
    host = await startWebHost({ port, host: '127.0.0.1', rendererDir, workstation, connectSrc, logger });
  } catch (e) {
    workstation.close();
    const code = (e as NodeJS.ErrnoException).code;
    exitWith(
      code === 'EADDRINUSE'
        ? `Port ${port} on 127.0.0.1 is in use: pass --port with another number, or --port 0 for any free one`
        : `Cannot start the web host: ${(e as Error).message}`,
    );
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: closing the workstation\n`);
    host
      .close()
      .finally(() => workstation.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  process.stdout.write(`Workstation ready: ${host.openUrl}\n`);
}

main().catch((e: unknown) => exitWith(`The workstation failed to start: ${(e as Error).stack ?? String(e)}`));
