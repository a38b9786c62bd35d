// A real workstation (encrypted store, reference data) connected to a sync server, with timings
// short enough for tests.
import { AppealDraft } from '../../../src/shared/domain/appeal';
import { openWorkstation, type Workstation } from '../../../src/main/workstation';
import { withParsedInput } from '../../../src/main/ipc/test/parsedHandlers';
import { draftInput } from './drafts';
import { RESOURCES_DIR } from './storeFiles';
import { ctx, fixedKey, value } from './workstation';

export const FAST = {
  pollMs: 100,
  watchdogMs: 300,
  requestTimeoutMs: 2_000,
  backoff: { minMs: 20, maxMs: 200 },
};

export async function openSynced(dataDir: string, key: Buffer, serverUrl: string): Promise<Workstation> {
  const opened = await openWorkstation({
    dataDir,
    keyProvider: fixedKey(key),
    resourcesDir: RESOURCES_DIR,
    host: 'web',
    sync: { serverUrl, tuning: FAST },
  });
  if (!opened.ok) throw new Error(opened.error.message);
  return withParsedInput(opened.value);
}

export async function register(w: Workstation, essence = 'Немає опалення в квартирі третій день.') {
  return value(w.handlers['appeals:create'](AppealDraft.strict().parse(draftInput({ essence })), ctx));
}

export async function until<T>(
  what: string,
  probe: () => T | Promise<T>,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await probe();
    if (result) return result as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export { ctx, value };
