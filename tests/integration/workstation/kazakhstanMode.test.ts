// A workstation configured as the README's Kazakhstan example: the service refuses at its IPC
// handler what the law refuses (no IIN, an IIN with a wrong check digit, a benefit category of
// the other country), whatever a screen let through, and registers the rest under Kazakh deadlines.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Workstation } from '../../../src/main/workstation';
import { CONFIG_FILE_NAME } from '../../../src/main/core/config/workstationConfig';
import type { Appeal } from '../../../src/shared/domain/appeal';
import type { Result } from '../../../src/shared/result';
import { draftInput } from '../support/drafts';
import { randomKey, useTempDirs } from '../support/storeFiles';
import { ctx, open } from '../support/workstation';

const tempDir = useTempDirs('kazakhstan-');
let ws: Workstation;

/** The example workstation.json in the README's section on the file. */
function readmeKazakhstanExample(): unknown {
  const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Workstation configuration'));
  const block = /```json\n([\s\S]*?)\n```/.exec(section);
  if (!block) throw new Error('README has no workstation.json example');
  return JSON.parse(block[1]!);
}

beforeAll(async () => {
  const dir = tempDir();
  writeFileSync(join(dir, CONFIG_FILE_NAME), JSON.stringify(readmeKazakhstanExample()));
  ws = await open(dir, randomKey(), () => new Date('2026-12-07T05:00:00Z'));
});
afterAll(() => ws.close());

const applicant = (iin?: string) => ({
  fullName: 'Сейткали Айгерим Нурлановна',
  phones: ['87011234567'],
  address: { city: 'Астана', street: 'Абай даңғылы', building: '10', flat: '40' },
  ...(iin === undefined ? {} : { iin }),
});
const create = (input: object) =>
  ws.handlers['appeals:create'](input as never, ctx) as Promise<Result<Appeal>> | Result<Appeal>;
const refusal = async (input: object) => {
  const result = await create(input);
  return result.ok ? [] : (result.error.issues ?? []).map((i) => `${i.path}:${i.code}`);
};

describe('a Kazakhstan workstation (ruleSet "kz")', () => {
  it('refuses an appeal without the applicant’s IIN (APC Art. 63)', async () => {
    expect(await refusal(draftInput({ applicant: applicant() }))).toEqual(['applicant.iin:required']);
    expect(await refusal(draftInput({ applicant: applicant('') }))).toEqual(['applicant.iin:required']);
  });

  it('refuses an IIN whose check digit is wrong', async () => {
    expect(await refusal(draftInput({ applicant: applicant('850315300129') }))).toEqual([
      'applicant.iin:iin_invalid',
    ]);
  });

  it('refuses Ukraine’s benefit categories', async () => {
    const input = draftInput({ applicant: applicant('850315300128'), benefit: 'hero_of_ukraine' });
    expect(await refusal(input)).toEqual(['benefit:not_allowed']);
  });

  it('registers with a valid IIN and a Kazakhstan benefit, first in line, under the 15-working-day rule', async () => {
    const result = await create(
      draftInput({ applicant: applicant('850315300128'), benefit: 'kz_wwii_veteran' }),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({
      applicant: { iin: '850315300128', phones: ['+77011234567'] },
      benefit: 'kz_wwii_veteran',
      priority: true,
      deadlineRule: 'kz_15_working',
    });
  });
});
