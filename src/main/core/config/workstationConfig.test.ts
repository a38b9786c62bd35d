import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UUID_V7 } from '../../../shared/domain/ids';
import { CONFIG_FILE_NAME, loadWorkstationConfig, osOperatorName } from './workstationConfig';

let dir: string;
const file = () => join(dir, CONFIG_FILE_NAME);
const write = (value: unknown) => writeFileSync(file(), JSON.stringify(value));
const load = () => loadWorkstationConfig(dir, { operatorName: () => 'Петренко' });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('creates the file with the Kyiv 1551 defaults and a device id, and reads the same back', () => {
  const first = load();
  if (!first.ok) throw new Error(first.error.message);
  expect(first.value).toMatchObject({
    center: { code: '1551', name: 'Київський міський контакт-центр 1551', timeZone: 'Europe/Kyiv' },
    ruleSet: 'ua',
    operator: { id: 'operator-local', name: 'Петренко' },
  });
  expect(first.value.deviceId).toMatch(UUID_V7);
  expect(JSON.parse(readFileSync(file(), 'utf8')).deviceId).toBe(first.value.deviceId);

  const second = load();
  expect(second.ok && second.value.deviceId).toBe(first.value.deviceId);
});

it('takes the operator from the file when it names one', () => {
  write({ operator: { id: 'op-17', name: 'Іваненко Олена' } });
  const config = load();
  expect(config.ok && config.value.operator).toEqual({ id: 'op-17', name: 'Іваненко Олена' });
});

it('gives a file copied without a device id its own id, keeping what the file says', () => {
  write({ ruleSet: 'kz', center: { code: '1414', name: 'ЕКЦ 1414', timeZone: 'Asia/Almaty' } });
  const config = load();
  if (!config.ok) throw new Error(config.error.message);
  const saved = JSON.parse(readFileSync(file(), 'utf8'));
  expect(saved).toMatchObject({ ruleSet: 'kz', center: { code: '1414' }, deviceId: config.value.deviceId });
  expect(config.value.ruleSet).toBe('kz');
});

it.each([
  [{ ruleSet: 'ru' }, 'ruleSet'],
  [{ center: { code: '1551', name: 'X', timeZone: 'Mars/Olympus' } }, 'center.timeZone'],
  [{ deviceId: 'not-a-uuid' }, 'deviceId'],
  [{ operator: { id: '', name: 'X' } }, 'operator.id'],
  [{ colour: 'blue' }, 'colour'],
])('refuses a malformed file and names the field (%j)', (content, field) => {
  write(content);
  const before = readFileSync(file(), 'utf8');
  const config = load();
  expect(config.ok).toBe(false);
  if (config.ok) return;
  expect(config.error.code).toBe('storage_error');
  expect(config.error.message).toContain(field === 'colour' ? 'colour' : `${field}:`);
  expect(readFileSync(file(), 'utf8')).toBe(before);
});

it('refuses a file that is not JSON', () => {
  writeFileSync(file(), '{ "ruleSet": ');
  const config = load();
  expect(!config.ok && config.error.message).toMatch(/workstation\.json is not valid JSON/);
});

it('names the OS user as the operator when nothing else does', () => {
  expect(osOperatorName().length).toBeGreaterThan(0);
});
