import {
  Address,
  addressLine,
  AppealDraft,
  Applicant,
  buildingKey,
  ConsultationDraft,
  LIMITS,
  Phone,
} from './appeal';

const draft = (over: Record<string, unknown> = {}) => ({
  type: 'statement',
  applicant: {
    fullName: 'Шевченко Олена Петрівна',
    phones: ['067 123 45 67'],
    address: { city: 'Київ', street: 'вул. Хрещатик', building: '22', flat: '5' },
  },
  categoryId: 't-1a2b3c4d',
  executorId: 'e-1a2b3c4d',
  essence: 'Немає гарячої води третій день.',
  ...over,
});

describe('AppealDraft', () => {
  it('fills the defaults the operator may leave alone', () => {
    const parsed = AppealDraft.parse(draft());
    expect(parsed).toMatchObject({
      channel: 'phone',
      benefit: 'none',
      signatories: null,
      attachments: [],
      consentToPublish: false,
      repeatOf: null,
    });
    expect(parsed.applicant).toMatchObject({ email: '', iin: '' });
    expect(parsed.applicant.address).toMatchObject({ district: '', flat: '5' });
  });

  it('stores phones in E.164', () => {
    expect(AppealDraft.parse(draft()).applicant.phones).toEqual(['+380671234567']);
  });

  it('trims text fields', () => {
    const parsed = AppealDraft.parse(draft({ essence: '  Немає світла.  ' }));
    expect(parsed.essence).toBe('Немає світла.');
  });

  it('rejects an essence longer than the limit and accepts one exactly at it', () => {
    expect(AppealDraft.safeParse(draft({ essence: 'я'.repeat(LIMITS.essence) })).success).toBe(true);
    expect(AppealDraft.safeParse(draft({ essence: 'я'.repeat(LIMITS.essence + 1) })).success).toBe(false);
  });

  it('rejects more phones than an applicant may have', () => {
    const phones = Array.from({ length: LIMITS.phonesPerApplicant + 1 }, (_, i) => `067123456${i}`);
    const applicant = { ...draft().applicant, phones };
    expect(AppealDraft.safeParse(draft({ applicant })).success).toBe(false);
  });

  it('accepts a collective appeal only with at least two signatories', () => {
    expect(AppealDraft.safeParse(draft({ signatories: 2 })).success).toBe(true);
    expect(AppealDraft.safeParse(draft({ signatories: 1 })).success).toBe(false);
    expect(AppealDraft.safeParse(draft({ signatories: 2.5 })).success).toBe(false);
  });

  it('accepts only the three kinds of appeal of Art. 3', () => {
    for (const type of ['proposal', 'statement', 'complaint'])
      expect(AppealDraft.safeParse(draft({ type })).success).toBe(true);
    expect(AppealDraft.safeParse(draft({ type: 'request' })).success).toBe(false);
  });

  it('drops unknown fields, and rejects them in its strict form used at the IPC boundary', () => {
    expect(AppealDraft.parse(draft({ status: 'closed' }))).not.toHaveProperty('status');
    expect(AppealDraft.strict().safeParse(draft({ status: 'closed' })).success).toBe(false);
  });

  it('rejects an attachment over the size limit', () => {
    const attachments = [{ name: 'photo.jpg', mimeType: 'image/jpeg', size: LIMITS.attachmentBytes + 1 }];
    expect(AppealDraft.safeParse(draft({ attachments })).success).toBe(false);
    attachments[0]!.size = 1024;
    expect(AppealDraft.safeParse(draft({ attachments })).success).toBe(true);
  });
});

describe('Applicant', () => {
  const applicant = draft().applicant;

  it('accepts an empty e-mail and IIN and rejects malformed ones', () => {
    expect(Applicant.safeParse({ ...applicant, email: '' }).success).toBe(true);
    expect(Applicant.safeParse({ ...applicant, email: 'olena@example.com' }).success).toBe(true);
    expect(Applicant.safeParse({ ...applicant, email: 'olena@' }).success).toBe(false);
    expect(Applicant.safeParse({ ...applicant, iin: '850315300128' }).success).toBe(true);
    expect(Applicant.safeParse({ ...applicant, iin: '850315300129' }).success).toBe(false);
  });

  it('rejects a name that is only spaces', () => {
    expect(Applicant.safeParse({ ...applicant, fullName: '   ' }).success).toBe(false);
  });
});

describe('Phone', () => {
  it('rejects a string over 40 characters before trying to read it', () => {
    expect(Phone.safeParse(`067 123 45 67${' '.repeat(40)}`).success).toBe(false);
  });
});

describe('ConsultationDraft', () => {
  it('needs the question and the answer given, nothing about the caller', () => {
    expect(ConsultationDraft.parse({ question: 'Графік ЦНАП?', answer: 'Пн-Пт 9-18' })).toMatchObject({
      channel: 'phone',
      phone: '',
    });
    expect(ConsultationDraft.safeParse({ question: 'Графік?', answer: '' }).success).toBe(false);
  });
});

describe('addressLine', () => {
  // Stored, indexed and shown by the server's list to readers of every language: no English word.
  it('reads as one line, with the flat marked the way the centers write it', () => {
    const a = Address.parse({ city: 'Київ', street: 'Хрещатик', building: '22', flat: '5' });
    expect(addressLine(a)).toBe('Київ, Хрещатик 22, кв. 5');
    expect(addressLine({ ...a, flat: '' })).toBe('Київ, Хрещатик 22');
  });

  it('lets a screen write the flat in its own language', () => {
    const a = Address.parse({ city: 'Алматы', street: 'Абай даңғылы', building: '10', flat: '40' });
    expect(addressLine(a, (flat) => `${flat}-пәтер`)).toBe('Алматы, Абай даңғылы 10, 40-пәтер');
  });
});

describe('buildingKey', () => {
  const key = (street: string, building = '22', city = 'Київ') => buildingKey({ city, street, building });

  it.each([
    ['вул. Хрещатик', 'Хрещатик'],
    ['вулиця Хрещатик', 'Хрещатик'],
    ['ХРЕЩАТИК', 'хрещатик'],
    ['вул.Хрещатик', 'Хрещатик'],
    ['  Хрещатик ,', 'Хрещатик'],
  ])('treats %j and %j as the same street', (a, b) => {
    expect(key(a)).toBe(key(b));
  });

  it('treats "вул. Хрещатик, 22" typed as one street field the same as "Хрещатик 22"', () => {
    expect(buildingKey({ city: 'Київ', street: 'вул. Хрещатик,', building: '22' })).toBe(key('Хрещатик'));
  });

  it('ignores apostrophes of every kind', () => {
    expect(key('Мар’яненка')).toBe(key("Мар'яненка"));
    expect(key('Мар`яненка')).toBe(key('Марʼяненка'));
  });

  it('folds building numbers written with a space or a dash', () => {
    expect(key('Хрещатик', '22А')).toBe(key('Хрещатик', '22 а'));
    expect(key('Хрещатик', '22/1')).toBe(key('Хрещатик', '22 / 1'));
  });

  it('keeps different buildings and cities apart', () => {
    expect(key('Хрещатик', '22')).not.toBe(key('Хрещатик', '24'));
    expect(key('Хрещатик', '22/1')).not.toBe(key('Хрещатик', '221'));
    expect(key('Хрещатик', '22-1')).toBe(key('Хрещатик', '22/1'));
    expect(key('Хрещатик', '22-А')).toBe(key('Хрещатик', '22а'));
    expect(key('Абая', '10', 'Алмати')).not.toBe(key('Абая', '10', 'Астана'));
  });

  it('treats Russian and Kazakh street words alike', () => {
    expect(key('ул. Абая', '10', 'г. Алматы')).toBe(key('Абая', '10', 'Алматы'));
    expect(key('Абай даңғылы', '10', 'Алматы')).toBe(key('Абай', '10', 'Алматы'));
    expect(key('просп. Перемоги', '5')).toBe(key('проспект Перемоги', '5'));
  });
});
