import { AppealDraft } from './appeal';
import { checkDraft, fieldIssues } from './validation';

const applicant = (over: Record<string, unknown> = {}) => ({
  fullName: 'Коваленко Іван Сергійович',
  phones: ['+380501112233'],
  address: { city: 'Київ', street: 'Хрещатик', building: '22' },
  ...over,
});
const draft = (over: Record<string, unknown> = {}) => ({
  type: 'complaint',
  applicant: applicant(),
  categoryId: 't-1a2b3c4d',
  executorId: 'e-1a2b3c4d',
  essence: 'Ліфт не працює тиждень.',
  ...over,
});
const codes = (input: unknown) => {
  const check = checkDraft(input);
  return check.kind === 'valid' ? [] : check.issues.map((i) => `${i.path}:${i.code}`);
};

describe('checkDraft', () => {
  it('accepts a complete draft and returns it parsed', () => {
    const check = checkDraft(draft());
    expect(check.kind).toBe('valid');
    if (check.kind === 'valid') expect(check.draft.benefit).toBe('none');
  });

  it('calls a draft without the author’s name anonymous (Art. 8)', () => {
    const check = checkDraft(draft({ applicant: applicant({ fullName: '  ' }) }));
    expect(check).toMatchObject({ kind: 'anonymous', missing: ['fullName'] });
  });

  it('calls a draft without a place of residence anonymous (Art. 5, Art. 8)', () => {
    const noAddress = { fullName: 'Коваленко Іван', phones: [] };
    expect(checkDraft(draft({ applicant: noAddress }))).toMatchObject({
      kind: 'anonymous',
      missing: ['address'],
    });
    const noStreet = applicant({ address: { city: 'Київ', street: '', building: '22' } });
    expect(checkDraft(draft({ applicant: noStreet }))).toMatchObject({
      kind: 'anonymous',
      missing: ['address'],
    });
  });

  it('names both missing parts when the name and the address are missing', () => {
    const check = checkDraft(
      draft({ applicant: { fullName: '', address: { city: '', street: '', building: '' } } }),
    );
    expect(check).toMatchObject({ kind: 'anonymous', missing: ['fullName', 'address'] });
  });

  it('calls a draft with a name and address but no essence invalid, not anonymous', () => {
    expect(checkDraft(draft({ essence: '' }))).toMatchObject({ kind: 'invalid' });
    expect(codes(draft({ essence: '' }))).toEqual(['essence:required']);
  });

  it.each([
    ['a bad phone', { applicant: applicant({ phones: ['12345'] }) }, 'applicant.phones.0:phone_invalid'],
    ['a bad e-mail', { applicant: applicant({ email: 'ivan@' }) }, 'applicant.email:email_invalid'],
    ['a bad IIN', { applicant: applicant({ iin: '850315300129' }) }, 'applicant.iin:iin_invalid'],
    ['an essence over the limit', { essence: 'я'.repeat(10_001) }, 'essence:too_long'],
    ['one signatory', { signatories: 1 }, 'signatories:too_small'],
    ['an unknown appeal type', { type: 'petition' }, 'type:not_allowed'],
    ['a missing category', { categoryId: undefined }, 'categoryId:required'],
    ['a value of the wrong type', { consentToPublish: 'yes' }, 'consentToPublish:wrong_type'],
    ['null where text is expected', { essence: null }, 'essence:wrong_type'],
  ])('gives a stable code for %s', (_what, over, code) => {
    expect(codes(draft(over))).toEqual([code]);
  });

  it('reports an unknown field at the strict boundary as unknown_field', () => {
    const parsed = AppealDraft.strict().safeParse(draft({ status: 'closed' }));
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(fieldIssues(parsed.error).map((i) => i.code)).toEqual(['unknown_field']);
  });

  it('gives a message a person can act on for a bad e-mail, not zod’s union text', () => {
    const check = checkDraft(draft({ applicant: applicant({ email: 'ivan@' }) }));
    expect(check.kind === 'invalid' && check.issues[0]?.message).toBe('Not an e-mail address');
  });

  it('treats something that is not an object as invalid', () => {
    expect(checkDraft(null).kind).toBe('invalid');
    expect(checkDraft('appeal').kind).toBe('invalid');
  });
});

describe('missing choices', () => {
  it('reports an appeal type not yet chosen as required, not as a value outside the list', () => {
    const result = checkDraft({ ...validDraftForMissingChoice(), type: null });
    expect(result.kind).toBe('invalid');
    if (result.kind === 'invalid')
      expect(result.issues).toContainEqual(expect.objectContaining({ path: 'type', code: 'required' }));
  });

  it('still reports a type outside the list as not allowed', () => {
    const result = checkDraft({ ...validDraftForMissingChoice(), type: 'petition-ish' });
    if (result.kind === 'invalid')
      expect(result.issues).toContainEqual(expect.objectContaining({ path: 'type', code: 'not_allowed' }));
    else expect.fail('expected invalid');
  });
});

function validDraftForMissingChoice() {
  return {
    type: 'complaint',
    applicant: {
      fullName: 'Іваненко Іван',
      phones: [],
      address: { city: 'Київ', street: 'Хрещатик', building: '1' },
    },
    categoryId: 't-1',
    executorId: 'e-1',
    essence: 'Немає світла',
  };
}

describe('text no store can keep (issue 9)', () => {
  it.each([
    ['essence', { essence: 'Немає води\u0000' }],
    ['essence', { essence: 'Немає води \ud800' }],
    ['essence', { essence: 'bell\u0007' }],
    [
      'applicant.fullName',
      { applicant: { ...validDraftForMissingChoice().applicant, fullName: 'Іван\u0000' } },
    ],
  ])('refuses %s with a NUL, a control character or a lone surrogate as `unstorable`', (path, change) => {
    const result = checkDraft({ ...validDraftForMissingChoice(), ...change });
    if (result.kind === 'valid') expect.fail('expected a refusal');
    expect(result.issues).toContainEqual(expect.objectContaining({ path, code: 'unstorable' }));
  });

  it('keeps line breaks, tabs and any real script, emoji included', () => {
    const result = checkDraft({
      ...validDraftForMissingChoice(),
      essence: 'Рядок 1\n\tРядок 2 — Қазақ тілі 😀',
    });
    expect(result.kind).toBe('valid');
  });
});

describe('checkDraft under the Kazakh rule set (APC Art. 63, the Law "On veterans")', () => {
  const kz = (over: Record<string, unknown> = {}) =>
    draft({ applicant: applicant({ phones: ['+77011234567'], iin: '850315300128' }), ...over });
  const kzCodes = (input: unknown) => {
    const check = checkDraft(input, 'kz');
    return check.kind === 'valid' ? [] : check.issues.map((i) => `${i.path}:${i.code}`);
  };

  it('accepts an applicant with a valid IIN and a Kazakhstan benefit category', () => {
    expect(kzCodes(kz({ benefit: 'kz_disability_group_1_2' }))).toEqual([]);
  });

  it('requires the IIN, and its check digit, as the form’s hint says', () => {
    expect(kzCodes(kz({ applicant: applicant({ phones: ['+77011234567'] }) }))).toEqual([
      'applicant.iin:required',
    ]);
    expect(kzCodes(kz({ applicant: applicant({ iin: '' }) }))).toEqual(['applicant.iin:required']);
    expect(kzCodes(kz({ applicant: applicant({ iin: '850315300129' }) }))).toEqual([
      'applicant.iin:iin_invalid',
    ]);
  });

  it('names a missing IIN together with the other problems, once', () => {
    const codes = kzCodes({ ...kz(), applicant: applicant(), essence: '' });
    expect(codes).toEqual(['essence:required', 'applicant.iin:required']);
  });

  it('takes only Kazakhstan’s benefit categories, and Ukraine only its own', () => {
    expect(kzCodes(kz({ benefit: 'hero_of_ukraine' }))).toEqual(['benefit:not_allowed']);
    expect(codes(draft({ benefit: 'kz_wwii_veteran' }))).toEqual(['benefit:not_allowed']);
    expect(codes(draft({ benefit: 'hero_of_ukraine' }))).toEqual([]);
  });
});
