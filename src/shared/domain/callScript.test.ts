import { CallScript, fillPlaceholders, stepsFor, type ScriptStep } from './callScript';

const step = (id: string, over: Partial<ScriptStep> = {}): ScriptStep => ({
  id,
  title: { uk: id },
  say: { uk: `Текст ${id}` },
  fields: [],
  ...over,
});
const script = (steps: ScriptStep[]) => ({ id: 'intake', version: 1, title: { uk: 'Реєстрація' }, steps });
const valid = script([
  step('greeting'),
  step('essence', { fields: ['type', 'essence'] }),
  step('complaint', { fields: ['essence'], onlyFor: ['complaint'] }),
  step('closing', { closing: true }),
]);

describe('CallScript', () => {
  it('accepts a script that ends with the closing step', () => {
    expect(CallScript.safeParse(valid).success).toBe(true);
  });

  it('rejects a script whose last step is not the closing', () => {
    expect(CallScript.safeParse(script([step('closing', { closing: true }), step('greeting')])).success).toBe(
      false,
    );
  });

  it('rejects two steps with the same id', () => {
    expect(CallScript.safeParse(script([step('a'), step('a'), step('end', { closing: true })])).success).toBe(
      false,
    );
  });

  it('rejects a step that fills a field the form does not have', () => {
    const bad = script([step('a', { fields: ['applicant.age' as never] }), step('end', { closing: true })]);
    expect(CallScript.safeParse(bad).success).toBe(false);
  });

  it('rejects step ids that are not identifiers and scripts of fewer than two steps', () => {
    expect(CallScript.safeParse(script([step('Greeting'), step('end', { closing: true })])).success).toBe(
      false,
    );
    expect(CallScript.safeParse(script([step('end', { closing: true })])).success).toBe(false);
  });
});

describe('stepsFor', () => {
  const parsed = CallScript.parse(valid);
  const ids = (type: Parameters<typeof stepsFor>[1]) => stepsFor(parsed, type).map((s) => s.id);

  it('shows a complaint-only step for complaints', () => {
    expect(ids('complaint')).toEqual(['greeting', 'essence', 'complaint', 'closing']);
  });

  it('hides it for the other types and before the type is chosen', () => {
    expect(ids('statement')).toEqual(['greeting', 'essence', 'closing']);
    expect(ids('proposal')).toEqual(['greeting', 'essence', 'closing']);
    expect(ids(null)).toEqual(['greeting', 'essence', 'closing']);
  });
});

describe('fillPlaceholders', () => {
  it('fills known placeholders and leaves unknown ones visible', () => {
    expect(
      fillPlaceholders('Номер {registrationNumber}, строк {deadline}, {other}', {
        registrationNumber: '1551-2026-000123',
        deadline: '17.11.2026',
      }),
    ).toBe('Номер 1551-2026-000123, строк 17.11.2026, {other}');
  });

  it('does not double the full stop after a value that ends with one', () => {
    expect(fillPlaceholders('Відповідь не пізніше {deadline}.', { deadline: '7 грудня 2026 р.' })).toBe(
      'Відповідь не пізніше 7 грудня 2026 р.',
    );
    expect(fillPlaceholders('Due by {deadline}.', { deadline: '7 December 2026' })).toBe(
      'Due by 7 December 2026.',
    );
  });
});
