import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stepsFor } from '../../../shared/domain/callScript';
import { locales } from '../../../shared/domain/i18nText';
import { loadReference } from './loadReference';

const resources = resolve(import.meta.dirname, '../../../../resources');

describe('loadReference with the shipped resources', () => {
  const result = loadReference(resources);
  if (!result.ok) throw new Error(result.error.message);
  const data = result.value;

  it('loads the classifier, the executors and their indexes', () => {
    expect(data.classifier.types.length).toBeGreaterThan(800);
    expect(data.executors.executors.length).toBeGreaterThan(600);
    expect(data.typeById.size).toBe(data.classifier.types.length);
    expect(data.executorById.size).toBe(data.executors.executors.length);
    expect(data.classifier.version).toBe(data.executors.version);
  });

  it('has no public holiday as a day off in Ukraine under martial law, and Nauryz in Kazakhstan', () => {
    expect(data.holidays.ua).toEqual([]);
    expect(data.holidays.kz).toEqual(expect.arrayContaining(['2026-03-21', '2026-03-22', '2026-03-23']));
    expect([...data.holidays.kz].sort()).toEqual(data.holidays.kz);
  });

  it('ships an intake script whose complaint step only complaints see', () => {
    const intake = data.scripts.get('intake');
    if (!intake) throw new Error('no intake script');
    expect(stepsFor(intake, 'complaint').map((s) => s.id)).toContain('complaint');
    expect(stepsFor(intake, 'statement').map((s) => s.id)).not.toContain('complaint');
  });

  it('says every step of the intake script in all four languages, with the placeholders kept', () => {
    const intake = data.scripts.get('intake');
    if (!intake) throw new Error('no intake script');
    for (const step of intake.steps)
      for (const locale of locales) expect(step.say[locale], `${step.id}.${locale}`).toBeTruthy();
    const closing = intake.steps.at(-1);
    const greeting = intake.steps[0];
    for (const locale of locales) {
      expect(closing?.say[locale]).toMatch(/\{registrationNumber\}.*\{deadline\}/);
      expect(greeting?.say[locale]).toContain('{center}');
      expect(greeting?.say[locale]).toContain('{operatorName}');
    }
  });
});

describe('loadReference with a broken copy', () => {
  let dir: string;
  const file = (...parts: string[]) => join(dir, ...parts);
  const edit = (path: string, change: (json: Record<string, unknown>) => void) => {
    const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    change(json);
    writeFileSync(path, JSON.stringify(json));
  };
  // The shape of the JSON files, loosely: enough to break them on purpose.
  type Rows = Record<string, unknown>[];
  const classifier = () => file('reference', 'classifier.json');
  const executors = () => file('reference', 'executors.json');
  const expectStorageError = (pattern: RegExp) => {
    const result = loadReference(dir);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('storage_error');
      expect(result.error.message).toMatch(pattern);
    }
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'reference-'));
    for (const sub of ['reference', 'scripts', 'calendar'])
      cpSync(join(resources, sub), join(dir, sub), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the unbroken copy', () => {
    expect(loadReference(dir).ok).toBe(true);
  });

  it('names a missing file', () => {
    unlinkSync(classifier());
    expectStorageError(/classifier\.json: file is missing/);
  });

  it('names a file that is not JSON', () => {
    writeFileSync(executors(), '{ "version": ');
    expectStorageError(/executors\.json/);
  });

  it('names the file and the field that fails the schema', () => {
    edit(classifier(), (c) => ((c.types as Rows)[3]!.term = 'long'));
    expectStorageError(/classifier\.json: invalid at types\.3\.term/);
  });

  it('rejects a type whose default executor is not in the directory', () => {
    edit(classifier(), (c) => ((c.types as Rows)[0]!.defaultExecutorId = 'e-00000000'));
    expectStorageError(/unknown executor e-00000000/);
  });

  it('rejects an executor that names a question type the classifier lacks', () => {
    edit(executors(), (e) => ((e.executors as Rows)[0]!.typeIds = ['t-00000000']));
    expectStorageError(/executors\.json: executor e-[0-9a-f]+ names unknown question type t-00000000/);
  });

  it('rejects a group whose parent does not exist', () => {
    edit(classifier(), (c) => ((c.groups as Rows)[1]!.parentId = 'g-nowhere'));
    expectStorageError(/unknown parent g-nowhere/);
  });

  it('rejects a type in a group that does not exist', () => {
    edit(classifier(), (c) => ((c.types as Rows)[0]!.groupId = 'g-nowhere'));
    expectStorageError(/unknown group g-nowhere/);
  });

  it('rejects two types with the same id', () => {
    edit(classifier(), (c) => {
      const types = c.types as Rows;
      types[1]!.id = types[0]!.id;
    });
    expectStorageError(/duplicate question type id/);
  });

  it('fills executor contacts from the overlay and leaves the rest null', () => {
    const [first, second] = (JSON.parse(readFileSync(executors(), 'utf8')) as { executors: Rows }).executors;
    const id = first!.id as string;
    writeFileSync(
      file('reference', 'executor-contacts.json'),
      JSON.stringify({
        contacts: { [id]: { name: first!.name, phone: '+380441234567', hours: 'Пн-Пт 9-18' } },
      }),
    );
    const result = loadReference(dir);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.executorById.get(id)).toMatchObject({
      phone: '+380441234567',
      hours: 'Пн-Пт 9-18',
      address: null,
    });
    expect(result.value.executorById.get(second!.id as string)).toMatchObject({ phone: null, hours: null });
  });

  it('loads without the overlay file', () => {
    unlinkSync(file('reference', 'executor-contacts.json'));
    expect(loadReference(dir).ok).toBe(true);
  });

  it('rejects an overlay entry for an unknown executor or under the wrong name', () => {
    const overlay = file('reference', 'executor-contacts.json');
    writeFileSync(overlay, JSON.stringify({ contacts: { 'e-00000000': { phone: '+380441234567' } } }));
    expectStorageError(/executor-contacts\.json: unknown executor id e-00000000/);
    const first = (JSON.parse(readFileSync(executors(), 'utf8')) as { executors: Rows }).executors[0]!;
    writeFileSync(overlay, JSON.stringify({ contacts: { [first.id as string]: { name: 'Інша назва' } } }));
    expectStorageError(/is ".*", not "Інша назва"/);
  });

  it('rejects an overlay with a field it does not know', () => {
    writeFileSync(file('reference', 'executor-contacts.json'), JSON.stringify({ contacts: {}, extra: 1 }));
    expectStorageError(/executor-contacts\.json: invalid/);
  });

  it('rejects a call script that does not end with the closing step', () => {
    edit(file('scripts', 'intake.json'), (s) => (s.steps as Rows).pop());
    expectStorageError(/intake\.json: invalid/);
  });

  it('rejects a resources folder without any call script', () => {
    for (const name of readdirSync(file('scripts')).filter((n) => n.endsWith('.json')))
      unlinkSync(file('scripts', name));
    expectStorageError(/no call script/);
  });

  it('rejects a calendar filed under the wrong country', () => {
    edit(file('calendar', 'ua.json'), (c) => (c.country = 'KZ'));
    expectStorageError(/ua\.json: holds KZ, expected UA/);
  });

  it('makes Ukrainian holidays days off once the martial-law setting is switched back', () => {
    edit(file('calendar', 'ua.json'), (c) => (c.holidaysAreDaysOff = true));
    const result = loadReference(dir);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.holidays.ua).toContain('2026-08-24');
  });

  it('rejects a holiday date that is not YYYY-MM-DD', () => {
    edit(file('calendar', 'kz.json'), (c) => ((c.holidays as Rows)[0]!.date = '01.01.2026'));
    expectStorageError(/kz\.json: invalid at holidays\.0\.date/);
  });
});
