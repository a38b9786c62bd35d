// Durability: a child process registers appeals and prints each id once its commit returned; it
// is SIGKILLed at random points. After every kill the store must hold every acknowledged appeal,
// and every appeal or consultation row exactly one outbox entry and vice versa.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../../src/main/core/db/openStore';
import { STORE_FILE_NAME } from '../../../src/main/workstation';
import { randomKey, REPO_ROOT, RESOURCES_DIR, useTempDirs } from '../support/storeFiles';

const tempDir = useTempDirs('crash-');
const CHILD = fileURLToPath(new URL('../support/crashChild.ts', import.meta.url));

interface Run {
  acknowledged: { kind: string; id: string }[];
  signal: NodeJS.Signals | null;
}

/** Runs the child and SIGKILLs it after `killAfterAcks` acknowledgements. */
function runAndKill(dataDir: string, key: Buffer, killAfterAcks: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        WORKSTATION_DB_KEY: key.toString('hex'),
        CRASH_DATA_DIR: dataDir,
        CRASH_RESOURCES_DIR: RESOURCES_DIR,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledged: Run['acknowledged'] = [];
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const [kind, id] = line.split(' ');
        if (kind === 'appeal' || kind === 'consultation') acknowledged.push({ kind, id: id! });
        if (acknowledged.length >= killAfterAcks && child.exitCode === null) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child exited with ${code}: ${stderr}`));
      else resolve({ acknowledged, signal });
    });
  });
}

function inspect(file: string, key: Buffer) {
  const store = openStore({ file, key });
  if (!store.ok) throw new Error(store.error.message);
  const { db } = store.value;
  const ids = (sql: string) => new Set(db.prepare(sql).pluck().all() as string[]);
  const result = {
    appeals: ids('SELECT id FROM appeals'),
    consultations: ids('SELECT id FROM consultations'),
    integrity: db.pragma('integrity_check', { simple: true }),
    appealsWithoutOutbox: db
      .prepare(
        `SELECT count(*) FROM appeals a WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity_type = 'appeal' AND o.entity_id = a.id)`,
      )
      .pluck()
      .get(),
    consultationsWithoutOutbox: db
      .prepare(
        `SELECT count(*) FROM consultations c WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity_type = 'consultation' AND o.entity_id = c.id)`,
      )
      .pluck()
      .get(),
    orphanOutbox: db
      .prepare(
        `SELECT count(*) FROM outbox o WHERE NOT EXISTS (SELECT 1 FROM appeals a WHERE o.entity_type = 'appeal' AND a.id = o.entity_id)
           AND NOT EXISTS (SELECT 1 FROM consultations c WHERE o.entity_type = 'consultation' AND c.id = o.entity_id)`,
      )
      .pluck()
      .get(),
    duplicateOutbox: db
      .prepare(
        'SELECT count(*) FROM (SELECT entity_id FROM outbox GROUP BY entity_type, entity_id HAVING count(*) > 1)',
      )
      .pluck()
      .get(),
    phonesWithoutAppeal: db
      .prepare(
        'SELECT count(*) FROM appeal_phones p WHERE NOT EXISTS (SELECT 1 FROM appeals a WHERE a.sort_key = p.appeal_key)',
      )
      .pluck()
      .get(),
    provisionalNumbers: db
      .prepare('SELECT provisional_number FROM appeals ORDER BY sort_key')
      .pluck()
      .all() as string[],
  };
  store.value.close();
  return result;
}

it('keeps every acknowledged appeal, and row and outbox entry together, across repeated SIGKILLs', async () => {
  const dataDir = tempDir();
  const key = randomKey();
  const acknowledged: Run['acknowledged'] = [];
  // The first kill lands right after start-up (migrations just ran), the others deep in the loop.
  const killPoints = [1, ...Array.from({ length: 4 }, () => 20 + Math.floor(Math.random() * 400))];
  for (const killAfter of killPoints) {
    const run = await runAndKill(dataDir, key, killAfter);
    expect(run.signal).toBe('SIGKILL');
    acknowledged.push(...run.acknowledged);

    const state = inspect(join(dataDir, STORE_FILE_NAME), key);
    const missing = acknowledged.filter(
      (a) => !(a.kind === 'appeal' ? state.appeals : state.consultations).has(a.id),
    );
    expect(missing).toEqual([]);
    expect(state.integrity).toBe('ok');
    expect(state).toMatchObject({
      appealsWithoutOutbox: 0,
      consultationsWithoutOutbox: 0,
      orphanOutbox: 0,
      duplicateOutbox: 0,
      phonesWithoutAppeal: 0,
    });
    const numbers = state.provisionalNumbers.map((n) => Number(n.slice(-6)));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  }
  expect(acknowledged.length).toBeGreaterThan(80);
});
