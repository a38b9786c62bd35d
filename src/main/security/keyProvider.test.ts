import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envKeyProvider, fileKeyProvider, KeyUnavailableError } from './keyProvider';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'key-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('envKeyProvider', () => {
  const VAR = 'TEST_WORKSTATION_KEY';
  afterEach(() => {
    delete process.env[VAR];
  });

  it('returns the 32 bytes written as 64 hex characters', async () => {
    process.env[VAR] = `${'ab'.repeat(32)}\n`;
    const key = await envKeyProvider(VAR).getKey();
    expect(key).toEqual(Buffer.alloc(32, 0xab));
  });

  it('names the variable when it is missing', async () => {
    await expect(envKeyProvider(VAR).getKey()).rejects.toThrow(new RegExp(`${VAR}`));
    await expect(envKeyProvider(VAR).getKey()).rejects.toBeInstanceOf(KeyUnavailableError);
  });

  it('refuses a value that is not 64 hex characters', async () => {
    process.env[VAR] = 'ab'.repeat(16);
    await expect(envKeyProvider(VAR).getKey()).rejects.toThrow(/exactly 64 hex characters.*holds 32/);
    process.env[VAR] = 'zz'.repeat(32);
    await expect(envKeyProvider(VAR).getKey()).rejects.toThrow(/exactly 64 hex/);
  });
});

describe('fileKeyProvider', () => {
  it('creates a random key file readable only by its owner and returns the same key afterwards', async () => {
    const path = join(dir, 'nested', 'store.key');
    const first = await fileKeyProvider(path).getKey();
    expect(first).toHaveLength(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8').trim()).toBe(first.toString('hex'));
    expect(await fileKeyProvider(path).getKey()).toEqual(first);
  });

  it('makes a different key for a different file', async () => {
    const a = await fileKeyProvider(join(dir, 'a.key')).getKey();
    const b = await fileKeyProvider(join(dir, 'b.key')).getKey();
    expect(a.equals(b)).toBe(false);
  });

  it('refuses a file of the wrong size or format and leaves it as it was', async () => {
    const path = join(dir, 'short.key');
    writeFileSync(path, 'abcd', { mode: 0o600 });
    await expect(fileKeyProvider(path).getKey()).rejects.toThrow(/not a store key/);
    expect(readFileSync(path, 'utf8')).toBe('abcd');

    const binary = join(dir, 'binary.key');
    writeFileSync(binary, Buffer.alloc(32, 7), { mode: 0o600 });
    await expect(fileKeyProvider(binary).getKey()).rejects.toThrow(/expected 64 hex characters/);
  });

  it.skipIf(process.platform === 'win32')('refuses a key file other users can read', async () => {
    const path = join(dir, 'open.key');
    writeFileSync(path, 'cd'.repeat(32));
    chmodSync(path, 0o644);
    await expect(fileKeyProvider(path).getKey()).rejects.toThrow(/chmod 600/);
  });
});
