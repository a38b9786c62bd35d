// Opens a real workstation (real config, reference data and encrypted store) in a temp folder.
import type { Workstation } from '../../../src/main/workstation';
import { withParsedInput } from '../../../src/main/ipc/test/parsedHandlers';
import { openWorkstation } from '../../../src/main/workstation';
import type { KeyProvider } from '../../../src/main/security/keyProvider';
import type { CallContext } from '../../../src/shared/ipc/api';
import type { Result } from '../../../src/shared/result';
import { RESOURCES_DIR } from './storeFiles';

export const ctx: CallContext = { senderId: 'test' };

export const fixedKey = (key: Buffer): KeyProvider => ({ getKey: async () => Buffer.from(key) });

export async function open(dataDir: string, key: Buffer, clock?: () => Date): Promise<Workstation> {
  const opened = await openWorkstation({
    dataDir,
    keyProvider: fixedKey(key),
    resourcesDir: RESOURCES_DIR,
    host: 'web',
    clock,
  });
  if (!opened.ok) throw new Error(opened.error.message);
  return withParsedInput(opened.value);
}

/** The value of a successful Result, or a test failure naming the error. */
export async function value<T>(result: Result<T> | Promise<Result<T>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message} ${JSON.stringify(r.error.issues ?? [])}`);
  return r.value;
}
