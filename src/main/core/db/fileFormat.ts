// Recognising a store file before SQLite touches it, so a foreign file is refused without a byte
// written, and telling "wrong key" from "damaged file" after a failed decryption.
//
// Cipher: SQLite3 Multiple Ciphers' `chacha20` scheme (ChaCha20-Poly1305, its default). Every page
// is authenticated (16-byte Poly1305 tag and 16-byte nonce in the page's reserved bytes), so a
// tampered or damaged page is detected rather than decoded into garbage; it needs no AES hardware
// for constant-time speed on old office PCs, and costs 32 bytes per 4 KiB page (SQLCipher's scheme
// costs 80). The key is raw (`x'...'`), so no KDF runs at open: the key is already random.
import { createHmac } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

export const CIPHER = 'chacha20';
/** Bytes SQLite3MC's chacha20 scheme reserves at the end of every page. */
const RESERVED_BYTES = 32;
const PLAIN_SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export type FileKind = 'absent' | 'empty' | 'plain_sqlite' | 'encrypted_store' | 'unrecognised';

/**
 * The chacha20 scheme keeps bytes 16..23 of the header in clear (SQLite needs them before it can
 * decrypt): page size, file format versions, reserved bytes and the fixed payload fractions.
 * Bytes 0..15 are the cipher salt, so an encrypted store never starts with the plain magic.
 */
export function sniffFile(file: string): FileKind {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw e;
  }
  try {
    const head = Buffer.alloc(100);
    const read = readSync(fd, head, 0, head.length, 0);
    if (read === 0) return 'empty';
    if (read >= 16 && head.subarray(0, 16).equals(PLAIN_SQLITE_MAGIC)) return 'plain_sqlite';
    if (read < 24) return 'unrecognised';
    const rawPageSize = head.readUInt16BE(16);
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    const powerOfTwo = pageSize >= 512 && (pageSize & (pageSize - 1)) === 0;
    const versions = [1, 2].includes(head[18]!) && [1, 2].includes(head[19]!);
    const fixed = head[20] === RESERVED_BYTES && head[21] === 64 && head[22] === 32 && head[23] === 32;
    return powerOfTwo && versions && fixed ? 'encrypted_store' : 'unrecognised';
  } finally {
    closeSync(fd);
  }
}

/**
 * A failed decryption looks the same whether the key is wrong or page 1 is damaged. A keyed hash
 * of a constant kept beside the store tells them apart; it reveals nothing about a random key.
 * It is only a diagnostic: opening never depends on it.
 */
const KeyCheckFile = z.object({ version: z.literal(1), cipher: z.literal(CIPHER), check: z.string() });
const KEY_CHECK_LABEL = 'appeal-workstation/store-key-check/v1';

export const keyCheckPath = (file: string) => `${file}-keycheck`;

const keyCheckOf = (key: Buffer) => createHmac('sha256', key).update(KEY_CHECK_LABEL).digest('hex');

export type KeyCheckVerdict = 'matches' | 'differs' | 'unknown';

export function compareKeyCheck(file: string, key: Buffer): KeyCheckVerdict {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(keyCheckPath(file), 'utf8'));
  } catch {
    return 'unknown';
  }
  const parsed = KeyCheckFile.safeParse(raw);
  if (!parsed.success) return 'unknown';
  return parsed.data.check === keyCheckOf(key) ? 'matches' : 'differs';
}

export function writeKeyCheck(file: string, key: Buffer): void {
  const path = keyCheckPath(file);
  const body = JSON.stringify({ version: 1, cipher: CIPHER, check: keyCheckOf(key) });
  writeFileSync(`${path}.tmp`, `${body}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}
