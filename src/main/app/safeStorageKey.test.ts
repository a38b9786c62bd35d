import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSafeStorage, safeStorageKeyProvider, type SafeStorage } from './safeStorageKey';
import { KeyUnavailableError } from '../security/keyProvider';

/** Stands in for the OS secret store: a reversible transform under a per-user secret. */
function fakeSafeStorage(secret = 0x5a, backend = 'gnome_libsecret', available = true): SafeStorage {
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ secret));
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.concat([Buffer.from('v10'), flip(Buffer.from(text, 'utf8'))]),
    decryptString: (blob) => {
      if (blob.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext');
      return flip(blob.subarray(3)).toString('utf8');
    },
    getSelectedStorageBackend: () => backend,
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'safe-key-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('safeStorageKeyProvider', () => {
  it('creates a 32-byte key on first use and returns the same key afterwards', async () => {
    const path = join(dir, 'nested', 'store-key.bin');
    const first = await safeStorageKeyProvider(fakeSafeStorage(), path).getKey();
    const second = await safeStorageKeyProvider(fakeSafeStorage(), path).getKey();
    expect(first).toHaveLength(32);
    expect(second.equals(first)).toBe(true);
  });

  it('never writes the key itself to disk', async () => {
    const path = join(dir, 'store-key.bin');
    const key = await safeStorageKeyProvider(fakeSafeStorage(), path).getKey();
    const onDisk = readFileSync(path);
    expect(onDisk.includes(Buffer.from(key.toString('hex')))).toBe(false);
    expect(onDisk.includes(key)).toBe(false);
  });

  it('explains when another user account made the key', async () => {
    const path = join(dir, 'store-key.bin');
    await safeStorageKeyProvider(fakeSafeStorage(0x5a), path).getKey();
    writeFileSync(path, Buffer.from('garbage'));
    const other = safeStorageKeyProvider(fakeSafeStorage(0x33), path).getKey();
    await expect(other).rejects.toBeInstanceOf(KeyUnavailableError);
    await expect(other).rejects.toThrow(/cannot be decrypted/);
  });

  it('refuses a decrypted blob that is not a key', async () => {
    const path = join(dir, 'store-key.bin');
    const storage = fakeSafeStorage();
    writeFileSync(path, storage.encryptString('not a key'));
    await expect(safeStorageKeyProvider(storage, path).getKey()).rejects.toThrow(/does not hold a store key/);
  });
});

describe('checkSafeStorage', () => {
  it('accepts an OS secret store', () => {
    expect(checkSafeStorage(fakeSafeStorage(), 'linux').ok).toBe(true);
    expect(checkSafeStorage(fakeSafeStorage(0x5a, 'unknown'), 'darwin').ok).toBe(true);
    expect(checkSafeStorage(fakeSafeStorage(0x5a, 'unknown'), 'win32').ok).toBe(true);
  });

  it('refuses to run when encryption is unavailable, saying why', () => {
    const result = checkSafeStorage(fakeSafeStorage(0x5a, 'gnome_libsecret', false), 'win32');
    expect(result.ok ? null : result.error.code).toBe('storage_error');
    expect(result.ok ? '' : result.error.message).toMatch(/secret store/);
  });

  it('refuses the plain-text fallback on Linux', () => {
    const result = checkSafeStorage(fakeSafeStorage(0x5a, 'basic_text'), 'linux');
    expect(result.ok ? '' : result.error.message).toMatch(/plain text/);
  });
});
