// The store key in Electron: 32 random bytes, kept only as a blob encrypted by the operating
// system's secret store (Keychain, DPAPI, libsecret/KWallet) through safeStorage, in userData.
// Takes safeStorage as a parameter so it runs and is tested without Electron.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KEY_BYTES, KeyUnavailableError, parseHexKey, type KeyProvider } from '../security/keyProvider';
import { fail, ok, type Result } from '../../shared/result';

/** The part of Electron's `safeStorage` used here. */
export interface SafeStorage {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only. */
  getSelectedStorageBackend?(): string;
}

/**
 * Refuses to run rather than keep the key in the clear. On Linux without a secret service,
 * safeStorage falls back to `basic_text`, a fixed password any local program knows.
 */
export function checkSafeStorage(safeStorage: SafeStorage, platform: NodeJS.Platform): Result<void> {
  const why =
    'The workstation keeps citizens\u2019 personal data in an encrypted database and protects its key with ' +
    'the operating system\u2019s secret store. ';
  if (!safeStorage.isEncryptionAvailable()) {
    return fail('storage_error', `${why}That store is not available, so the workstation will not start.`);
  }
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    if (backend === 'basic_text' || backend === 'unknown') {
      return fail(
        'storage_error',
        `${why}No secret service (GNOME Keyring or KWallet) is running, and without one the key would be ` +
          'stored in plain text. Start a secret service and log in again, or ask your administrator.',
      );
    }
  }
  return ok(undefined);
}

/** `path` holds the encrypted key; it is created on first use. */
export function safeStorageKeyProvider(safeStorage: SafeStorage, path: string): KeyProvider {
  return {
    getKey: async () => {
      let blob: Buffer;
      try {
        blob = readFileSync(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
          throw new KeyUnavailableError(`Cannot read the key file ${path}: ${(e as Error).message}`);
        }
        return createKey(safeStorage, path);
      }
      let text: string;
      try {
        text = safeStorage.decryptString(blob);
      } catch (e) {
        throw new KeyUnavailableError(
          `The store key in ${path} cannot be decrypted by this user's secret store (${(e as Error).message}). ` +
            'It was made by another user account or the secret store was reset.',
        );
      }
      const key = parseHexKey(text);
      if (!key) throw new KeyUnavailableError(`The file ${path} does not hold a store key`);
      return key;
    },
  };
}

function createKey(safeStorage: SafeStorage, path: string): Buffer {
  const key = randomBytes(KEY_BYTES);
  const blob = safeStorage.encryptString(key.toString('hex'));
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // Written whole then renamed: a crash must not leave half a key that would lock the store.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, blob, { mode: 0o600 });
  renameSync(temporary, path);
  return key;
}
