import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { contactProblems } from '../src/main/core/reference/executorContacts';
import { loadReference } from '../src/main/core/reference/loadReference';
import { locales } from '../src/shared/domain/i18nText';
import { Classifier, ExecutorDirectory } from '../src/shared/domain/reference';
import { tallyFile, tallyLines } from './reference/appeals';
import {
  buildReference,
  executorIdOf,
  toJson,
  typeIdOf,
  typeNameMarks,
  type BuildInput,
} from './reference/build';
import { groupOf, groupRules } from './reference/groupRules';
import { groups, OTHER_GROUP_ID } from './reference/groups';
import { termOf, termRules } from './reference/termRules';

const root = resolve(import.meta.dirname, '..');
const fixture = join(root, 'tests/fixtures/appeals-sample.jsonl');
const fixtureLines = readFileSync(fixture, 'utf8').split('\n');
const rules = { groups, groupRules, termRules, typeNameMarks };
const build = (lines: string[], over: Partial<BuildInput> = {}) =>
  buildReference({
    tally: tallyLines(lines),
    rules,
    contacts: { contacts: {} },
    version: 'v-test',
    source: 'fixture',
    ...over,
  });

describe('tallyLines', () => {
  it('counts every appeal of the fixture by question type and executor', () => {
    const { tally, appeals, skipped } = tallyLines(fixtureLines);
    expect(appeals).toBe(47);
    expect(skipped).toBe(0);
    expect(tally.get('Відсутність ГВП')).toEqual(
      new Map([
        ['ПАТ ”Київенерго” - ТРМ', 5],
        ['КП ”Житло-Сервіс 7”', 1],
      ]),
    );
  });

  it('skips lines that are not JSON or lack a type or an executor, and blank lines', () => {
    const lines = [
      '{"id":"1"',
      '{"id":"2","category":"","executor":"КП"}',
      '{"id":"3","category":"Ліфт"}',
      '',
      '[]',
    ];
    expect(tallyLines(lines)).toMatchObject({ appeals: 0, skipped: 4 });
  });

  it('reads a gzipped file the same as a plain one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tally-'));
    try {
      const gz = join(dir, 'appeals.jsonl.gz');
      writeFileSync(gz, gzipSync(readFileSync(fixture)));
      expect(await tallyFile(gz)).toEqual(await tallyFile(fixture));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('buildReference on the fixture', () => {
  const { classifier, executors, report } = build(fixtureLines);
  const type = (name: string) => classifier.types.find((t) => t.name === name);
  const executor = (name: string) => executors.executors.find((e) => e.name === name);

  it('produces files that pass the schemas the app loads them with', () => {
    expect(Classifier.safeParse(classifier).success).toBe(true);
    expect(ExecutorDirectory.safeParse(executors).success).toBe(true);
  });

  it('has one type per category and one executor per name, with ids hashed from names', () => {
    expect(classifier.types).toHaveLength(12);
    expect(executors.executors).toHaveLength(7);
    expect(type('Відсутність ГВП')?.id).toBe(typeIdOf('Відсутність ГВП'));
    expect(typeIdOf('Відсутність ГВП')).toMatch(/^t-[0-9a-f]{8}$/);
    expect(executorIdOf('КП ”Шляхрембуд”')).toMatch(/^e-[0-9a-f]{8}$/);
    expect(typeIdOf(' Відсутність ГВП ')).toBe(typeIdOf('Відсутність ГВП'));
  });

  it('makes the most frequent executor of a type its default', () => {
    expect(type('Відсутність ГВП')?.defaultExecutorId).toBe(executorIdOf('ПАТ ”Київенерго” - ТРМ'));
    expect(type('Не працює пасажирський ліфт')?.defaultExecutorId).toBe(executorIdOf('ТОВ ”Ліфт-Майстер”'));
  });

  it('breaks a tie between executors by name, so the result does not depend on line order', () => {
    // "Будівництво/дооблаштування дитячого майданчику": one appeal each for three executors.
    const names = ['КП ”Житло-Сервіс 12”', 'КП ”Житло-Сервіс 7”', 'Відділ контролю за благоустроєм'].sort();
    expect(type('Будівництво/дооблаштування дитячого майданчику')?.defaultExecutorId).toBe(
      executorIdOf(names[0]!),
    );
  });

  it('counts appeals per type as its frequency', () => {
    expect(type('Відсутність ГВП')?.frequency).toBe(6);
    expect(type('Не працює пасажирський ліфт')?.frequency).toBe(6);
    expect(classifier.types.reduce((sum, t) => sum + t.frequency, 0)).toBe(47);
  });

  it('lists the types each executor handled, most frequent first, ties by id', () => {
    const tied = [
      typeIdOf('Незадовільна температура ГВП'),
      typeIdOf('Перерахунок плати за відсутність ГВП'),
    ].sort();
    expect(executor('ПАТ ”Київенерго” - ТРМ')?.typeIds).toEqual([
      typeIdOf('Відсутність ГВП'),
      typeIdOf('Відсутність опалення'),
      ...tied,
      typeIdOf('Незадовільна температура опалення'),
    ]);
  });

  it('never invents contact details', () => {
    for (const e of executors.executors) expect([e.phone, e.address, e.hours]).toEqual([null, null, null]);
  });

  it('takes contact details from the overlay', () => {
    const id = executorIdOf('КП ”Шляхрембуд”');
    const out = build(fixtureLines, { contacts: { contacts: { [id]: { phone: '+380441112233' } } } });
    expect(out.executors.executors.find((e) => e.id === id)).toMatchObject({
      phone: '+380441112233',
      address: null,
    });
    expect(contactProblems({ contacts: { 'e-00000000': {} } }, out.executors.executors)).toEqual([
      'unknown executor id e-00000000',
    ]);
  });

  it('files each type in a subgroup and keeps only groups that hold something', () => {
    expect(type('Відсутність ГВП')?.groupId).toBe('g-housing-hot-water');
    expect(type('Не працює пасажирський ліфт')?.groupId).toBe('g-housing-lifts');
    expect(type('Укладання та ремонт асфальтного покриття')?.groupId).toBe('g-transport-roads');
    expect(type('Перевірка дозвільної документації, демонтаж кіосків, ларків')?.groupId).toBe(
      'g-trade-kiosks',
    );
    expect(type('ГЛ ”Несанкціонована торгівля”')?.groupId).toBe('g-trade-street');
    const ids = classifier.groups.map((g) => g.id);
    expect(ids).toContain('g-housing');
    expect(ids).not.toContain('g-health');
    expect(report.otherTypes).toBe(0);
  });

  it('gives outages, lifts, lighting and cleaning the 15-day term and recalculations the month', () => {
    expect(type('Відсутність ГВП')?.term).toBe('short');
    expect(type('Не працює пасажирський ліфт')?.term).toBe('short');
    expect(type('Освітлення в приміщенні й при вході в нього')?.term).toBe('short');
    expect(type('Прибирання та санітарний стан територій')?.term).toBe('short');
    expect(type('Перерахунок плати за відсутність ГВП')?.term).toBe('standard');
    expect(type('Будівництво/дооблаштування дитячого майданчику')?.term).toBe('standard');
  });

  it('drops the source’s "@ " mark from a type’s name and keeps the id of the source name', () => {
    const marked = build([
      ...fixtureLines,
      '{"id":"m1","category":"@ Корчування пнів","executor":"КО ”Київзеленбуд”"}',
    ]);
    const stump = marked.classifier.types.find((t) => t.id === typeIdOf('@ Корчування пнів'));
    expect(stump?.name).toBe('Корчування пнів');
    expect(marked.classifier.types.filter((t) => t.name.startsWith('@'))).toEqual([]);
  });

  it('refuses two types that would show under one name', () => {
    const lines = [
      '{"id":"m1","category":"@ Корчування пнів","executor":"КП"}',
      '{"id":"m2","category":"Корчування пнів","executor":"КП"}',
    ];
    expect(() => build(lines)).toThrow(/would both show as "Корчування пнів"/);
  });

  it('gives byte-identical output whatever the order of the lines', () => {
    const reversed = build([...fixtureLines].reverse());
    expect(toJson(reversed.classifier)).toBe(toJson(classifier));
    expect(toJson(reversed.executors)).toBe(toJson(executors));
  });
});

describe('the group rule table', () => {
  it.each([
    ['Перерахунок плати за відсутність ГВП', 'g-housing-billing'],
    ['Подяки двірникам ЖЕКу', 'g-government-thanks'],
    ['Не працює пасажирський ліфт', 'g-housing-lifts'],
    ['Харчування в навчальних закладах', 'g-education-schools'],
    ['Пропозиції та запитання щодо удосконалення роботи громадського транспорту', 'g-transport-public'],
    ['Незручності від промислових та побутових шумів', 'g-order-noise'],
    ['Демонтаж рекламних вивісок з опорних стовпів', 'g-improvement-advertising'],
    [
      'Відсутність освітлення на опорних стовпах за відсутності/несправності лампочок',
      'g-improvement-lighting',
    ],
    ['Відсутність освітлення у під’їзді за відсутності/несправності лампочок', 'g-housing-power'],
    ['Утримання та облаштування клумб та газонів', 'g-improvement-greenery'],
    ['Питання газифікації', 'g-housing-gas'],
    ['Робота станції швидкої медичної допомоги (тел. 103)', 'g-health-care'],
    ['Порушення громадського порядку безпритульними людьми', 'g-order-safety'],
    ['Тест', OTHER_GROUP_ID],
  ])('files "%s" under %s', (name, groupId) => {
    expect(groupOf(name)).toBe(groupId);
  });

  it('matches apostrophes and spacing of any kind', () => {
    expect(groupOf("Ремонт під'їзду")).toBe(groupOf('Ремонт  під’їзду'));
  });

  it('names only groups of the tree, and the tree has 8 to 12 top groups with a parent for every subgroup', () => {
    const ids = new Set(groups.map((g) => g.id));
    for (const rule of groupRules) expect(ids.has(rule.groupId), rule.groupId).toBe(true);
    for (const g of groups) if (g.parentId !== null) expect(ids.has(g.parentId), g.id).toBe(true);
    const top = groups.filter((g) => g.parentId === null);
    expect(top.length).toBeGreaterThanOrEqual(8);
    expect(top.length).toBeLessThanOrEqual(12);
  });

  it('names every group in all four languages', () => {
    for (const g of groups)
      for (const locale of locales) expect(g.name[locale], `${g.id}.${locale}`).toBeTruthy();
  });

  it('uses only lower-case keywords, since names are lower-cased before matching', () => {
    for (const rule of [...groupRules, ...termRules])
      for (const k of rule.keywords) expect(k, k).toBe(k.toLowerCase());
  });
});

describe('termOf', () => {
  it.each([
    ['Відсутнє електропостачання', 'short'],
    ['Незадовільна температура опалення', 'short'],
    ['Порив труб у квартирі чи будинку', 'short'],
    ['Прибирання снігу на прибудинковій території, вулицях та тротуарах', 'short'],
    ['Проведення модернізації/заміни ліфту', 'standard'],
    ['Відключення за борги ГВП', 'standard'],
    ['Відсутність опори освітлення (не передбачено проектом забудови)', 'standard'],
    ['Ремонт дахів', 'standard'],
    ['Про розгляд звернень громадян', 'standard'],
  ])('gives "%s" the %s term', (name, term) => {
    expect(termOf(name)).toBe(term);
  });
});

describe('the buildReferenceData command', () => {
  const script = join(root, 'scripts/buildReferenceData.ts');
  const run = (args: string[]) =>
    execFileSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, encoding: 'utf8' });
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'refbuild-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves the reference data alone and succeeds when the data set is absent', () => {
    const out = run(['--data', join(dir, 'absent.jsonl.gz'), '--out', join(dir, 'reference')]);
    expect(out).toMatch(/Data set not found.*left as committed/);
  });

  it('writes files the app loads, byte-identical on a second run', () => {
    const out = join(dir, 'reference');
    run(['--data', fixture, '--out', out]);
    const first =
      readFileSync(join(out, 'classifier.json'), 'utf8') + readFileSync(join(out, 'executors.json'), 'utf8');
    run(['--data', fixture, '--out', out]);
    const second =
      readFileSync(join(out, 'classifier.json'), 'utf8') + readFileSync(join(out, 'executors.json'), 'utf8');
    expect(second).toBe(first);
    for (const sub of ['scripts', 'calendar'])
      cpSync(join(root, 'resources', sub), join(dir, sub), { recursive: true });
    const loaded = loadReference(dir);
    expect(loaded.ok && loaded.value.classifier.types.length).toBe(12);
  }, 30_000);
});
