import { checkDraft } from '../../../shared/domain/validation';
import { emptyForm, phoneIssueIndex, toDraftInput } from './draftForm';

describe('draft form', () => {
  it('leaves blank phones out of the draft and maps issues back to the field the operator typed in', () => {
    const form = { ...emptyForm('Київ'), phones: ['', '0671234567', 'abc'] };
    expect(toDraftInput(form, 'ua').applicant.phones).toEqual(['0671234567', 'abc']);
    const check = checkDraft(toDraftInput(form, 'ua'));
    const phoneIssue =
      check.kind === 'valid' ? undefined : check.issues.find((i) => i.path.startsWith('applicant.phones'));
    expect(phoneIssue?.path).toBe('applicant.phones.1');
    expect(phoneIssueIndex(form, phoneIssue!.path)).toBe(2);
  });

  it('sends the IIN only under the Kazakh rule set', () => {
    const form = { ...emptyForm(''), iin: '900101300123' };
    expect(toDraftInput(form, 'ua').applicant.iin).toBe('');
    expect(toDraftInput(form, 'kz').applicant.iin).toBe('900101300123');
  });

  it('counts signatories only for a collective appeal and rejects a count that is not a number', () => {
    expect(toDraftInput({ ...emptyForm(''), signatories: '12' }, 'ua').signatories).toBeNull();
    expect(toDraftInput({ ...emptyForm(''), collective: true, signatories: '12' }, 'ua').signatories).toBe(
      12,
    );
    expect(
      toDraftInput({ ...emptyForm(''), collective: true, signatories: 'many' }, 'ua').signatories,
    ).toBeNaN();
  });

  it('reports a missing appeal type as a problem of the type field', () => {
    const check = checkDraft(toDraftInput(emptyForm('Київ'), 'ua'));
    expect(check.kind).toBe('anonymous');
    // A choice not yet made is `required`, like any empty field, not "a value outside the list".
    expect(check.kind !== 'valid' && check.issues.find((i) => i.path === 'type')?.code).toBe('required');
  });
});
