// The bearer token of the PBX routes: PBX_TOKEN, else a file shared with the PBX's scripts
// (.data/pbx-token by default). Whoever comes first creates it; creation is atomic (written to a
// private temporary file, then hard-linked into place, which fails if the file exists), so the
// server and the PBX script can start together and still agree on one token.
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const TOKEN = /^[0-9a-f]{64}$/;

async function readToken(file: string): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const token = text.trim();
  if (!TOKEN.test(token)) throw new Error(`The PBX token file ${file} does not hold 64 hex characters`);
  return token;
}

export async function loadOrCreatePbxToken(file: string): Promise<string> {
  const existing = await readToken(file);
  if (existing) return existing;
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
  const token = await readToken(file);
  if (!token) throw new Error(`The PBX token file ${file} vanished while it was being created`);
  return token;
}
