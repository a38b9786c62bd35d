// Starts a workstation in a child process (support/syncKillChild.ts) that registers appeals and
// prints `appeal <id>` once each is acknowledged, so a test can SIGKILL it at a chosen moment and
// know exactly what the operator was told was saved.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, RESOURCES_DIR } from './storeFiles';

const CHILD = fileURLToPath(new URL('./syncKillChild.ts', import.meta.url));

export interface SyncChild {
  child: ChildProcess;
  /** Ids acknowledged so far; grows while the child runs. */
  acknowledged: string[];
  stderr(): string;
}

export function spawnSyncChild(dataDir: string, key: Buffer, serverUrl: string): SyncChild {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      WORKSTATION_DB_KEY: key.toString('hex'),
      SYNC_DATA_DIR: dataDir,
      SYNC_RESOURCES_DIR: RESOURCES_DIR,
      SYNC_SERVER_URL: serverUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acknowledged: string[] = [];
  let stderr = '';
  let buffered = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout!.on('data', (c: Buffer) => {
    buffered += c.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) if (line.startsWith('appeal ')) acknowledged.push(line.slice(7));
  });
  return { child, acknowledged, stderr: () => stderr };
}
