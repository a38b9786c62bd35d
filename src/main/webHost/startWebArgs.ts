// Command line of `npm run start:web [-- --port N --data DIR]` (startWeb.ts), parsed
// without side effects so it is tested directly.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fail, ok, type Result } from '../../shared/result';

export const DEFAULT_PORT = 5151;
const APP_DIR = 'appeal-workstation';

export const START_WEB_USAGE = `Usage: npm run start:web [-- --port N --data DIR]
  --port N         port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks any free port)
  --data DIR       where the encrypted store and its key file live (default: the per-user data folder)
  --renderer DIR   serve this renderer build instead of out/renderer (built first when missing)
  --connect-src S  extra CSP connect source for the softphone, e.g. ws://127.0.0.1:8080 (repeatable)
Environment: WORKSTATION_DB_KEY (64 hex characters) replaces the key file in the data folder.`;

export interface StartWebOptions {
  port: number;
  dataDir: string;
  /** null: the checkout's out/renderer. */
  rendererDir: string | null;
  connectSrc: string[];
}

/** The per-user data folder each platform expects. */
export function defaultDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), APP_DIR);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR);
  const xdg = env.XDG_DATA_HOME;
  // XDG base directories: a relative value is invalid and must be ignored.
  return join(xdg && xdg.startsWith('/') ? xdg : join(home, '.local', 'share'), APP_DIR);
}

export function parseStartWebArgs(
  argv: string[],
  defaults: { env: NodeJS.ProcessEnv; platform: NodeJS.Platform; home: string },
): Result<StartWebOptions | 'help'> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        data: { type: 'string' },
        renderer: { type: 'string' },
        'connect-src': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    return fail('invalid_input', `${(e as Error).message}\n${START_WEB_USAGE}`);
  }
  if (values.help) return ok('help');

  const portText = values.port ?? String(DEFAULT_PORT);
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    return fail('invalid_input', `--port must be a number from 0 to 65535, not "${portText}"`);
  }
  if (values.data === '') return fail('invalid_input', '--data needs a folder');
  if (values.renderer === '') return fail('invalid_input', '--renderer needs a folder');
  return ok({
    port,
    dataDir: values.data ?? defaultDataDir(defaults.env, defaults.platform, defaults.home),
    rendererDir: values.renderer ?? null,
    connectSrc: values['connect-src'] ?? [],
  });
}
