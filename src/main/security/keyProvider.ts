// The store's encryption key (Law 2297-VI Art. 24: personal data protected against unauthorised
// access). The key is 32 random bytes used as a raw ChaCha20 key; where it is kept is the host's
// choice: Electron's safeStorage (src/main/app), an environment variable (servers, CI, the web host),
// or a 0600 file (development).
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const KEY_BYTES = 32;

export interface KeyProvider {
  /** Resolves to exactly 32 bytes; rejects with a `KeyUnavailableError` saying what to fix. */
  getKey(): Promise<Buffer>;
}

export class KeyUnavailableError extends Error {
  override name = 'KeyUnavailableError';
}

const HEX_KEY = /^[0-9a-fA-F]{64}$/;

/** Parses 64 hex characters (surrounding whitespace allowed); null for anything else. */
export function parseHexKey(text: string): Buffer | null {
  const trimmed = text.trim();
  return HEX_KEY.test(trimmed) ? Buffer.from(trimmed, 'hex') : null;
}

export function envKeyProvider(varName = 'WORKSTATION_DB_KEY'): KeyProvider {
  return {
    getKey: async () => {
      const value = process.env[varName];
      if (value === undefined || value === '') {
        throw new KeyUnavailableError(
          `The store key is not set: put 64 hex characters (32 random bytes, e.g. \`openssl rand -hex 32\`) in ${varName}`,
        );
      }
      const key = parseHexKey(value);
      if (!key) {
        throw new KeyUnavailableError(
          `${varName} must hold exactly 64 hex characters (32 bytes); it holds ${value.trim().length} characters`,
        );
      }
      return key;
    },
  };
}

/**
 * A key file holding 64 hex characters. Created with mode 0600 on first use; a file readable by
 * others is refused, because whoever can read it can read every appeal.
 */
export function fileKeyProvider(path: string): KeyProvider {
  return {
    getKey: async () => {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
          throw new KeyUnavailableError(`Cannot read the key file ${path}: ${(e as Error).message}`);
        }
        return createKeyFile(path);
      }
      if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
        throw new KeyUnavailableError(
          `The key file ${path} is accessible to other users; restrict it with \`chmod 600 ${path}\``,
        );
      }
      const key = parseHexKey(text);
      if (!key) {
        throw new KeyUnavailableError(
          `The key file ${path} is not a store key: expected 64 hex characters, found ${text.length} bytes`,
        );
      }
      return key;
    },
  };
}

function createKeyFile(path: string): Buffer {
  const key = randomBytes(KEY_BYTES);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    // `wx`: two processes starting at once must not each write a different key.
    writeFileSync(path, `${key.toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      const existing = parseHexKey(readFileSync(path, 'utf8'));
      if (existing) return existing;
    }
    throw new KeyUnavailableError(`Cannot create the key file ${path}: ${(e as Error).message}`);
  }
  chmodSync(path, 0o600);
  return key;
}
