import { Classifier, ExecutorDirectory, QuestionType } from './reference';

const type = (over: Record<string, unknown> = {}) => ({
  id: 't-1a2b3c4d',
  groupId: 'g-housing-hot-water',
  name: 'Відсутність ГВП',
  defaultExecutorId: 'e-1a2b3c4d',
  term: 'short',
  frequency: 10,
  ...over,
});

describe('QuestionType', () => {
  it('allows a type without a default executor', () => {
    expect(QuestionType.safeParse(type({ defaultExecutorId: null })).success).toBe(true);
  });

  it('knows only the two answer terms of Art. 20', () => {
    expect(QuestionType.safeParse(type({ term: 'standard' })).success).toBe(true);
    expect(QuestionType.safeParse(type({ term: 'long' })).success).toBe(false);
  });

  it('rejects a negative or fractional frequency', () => {
    expect(QuestionType.safeParse(type({ frequency: -1 })).success).toBe(false);
    expect(QuestionType.safeParse(type({ frequency: 1.5 })).success).toBe(false);
  });
});

describe('Classifier and ExecutorDirectory', () => {
  it('accept hierarchical groups with names in several languages', () => {
    const classifier = {
      version: 'v1',
      source: 'test',
      groups: [
        { id: 'g-housing', parentId: null, name: { uk: 'ЖКГ', en: 'Housing' } },
        { id: 'g-housing-hot-water', parentId: 'g-housing', name: { uk: 'ГВП' } },
      ],
      types: [type()],
    };
    expect(Classifier.safeParse(classifier).success).toBe(true);
  });

  it('require contact fields to be present, even if null', () => {
    const executor = { id: 'e-1', name: 'КП', phone: null, address: null, hours: null, typeIds: [] };
    expect(ExecutorDirectory.safeParse({ version: 'v1', source: 's', executors: [executor] }).success).toBe(
      true,
    );
    const { phone: _phone, ...withoutPhone } = executor;
    expect(
      ExecutorDirectory.safeParse({ version: 'v1', source: 's', executors: [withoutPhone] }).success,
    ).toBe(false);
  });
});
