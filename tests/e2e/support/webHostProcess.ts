// Starts the real web host (`src/main/webHost/startWeb.ts`, bundled by `scripts/startWeb.mjs`) as a
// child process, the way a person runs `npm run start:web`, and reads the URL it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');
const READY = /Workstation ready: (http:\/\/127\.0\.0\.1:(\d+)\/#token=\S+)/;

export interface WebHostProcess {
  url: string;
  dataDir: string;
  /** Everything the process printed, for assertions (e.g. that no personal data was logged). */
  output: () => string;
  stop: () => Promise<void>;
}

export async function startWebHostProcess(
  /** `args`: more command-line options, e.g. `['--server', url]`. */
  options: { dataDir?: string; env?: NodeJS.ProcessEnv; args?: readonly string[] } = {},
): Promise<WebHostProcess> {
  const ownsDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'ws-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, 'scripts/startWeb.mjs'), '--port', '0', '--data', dataDir, ...(options.args ?? [])],
    { cwd: root, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start in 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = READY.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
