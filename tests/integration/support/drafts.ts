// Appeal drafts for tests: valid by default, with question types and executors from the real
// reference data in resources/.
import { loadReference, type ReferenceData } from '../../../src/main/core/reference/loadReference';
import { AppealDraft, type AppealDraftInput } from '../../../src/shared/domain/appeal';
import { RESOURCES_DIR } from './storeFiles';

let cached: ReferenceData | null = null;

export function reference(): ReferenceData {
  if (!cached) {
    const loaded = loadReference(RESOURCES_DIR);
    if (!loaded.ok) throw new Error(loaded.error.message);
    cached = loaded.value;
  }
  return cached;
}

/** A question type with the given term that names a default executor. */
export function questionType(term: 'short' | 'standard' = 'standard') {
  const type = reference().classifier.types.find((t) => t.term === term && t.defaultExecutorId !== null);
  if (!type) throw new Error(`No ${term} question type with a default executor in resources/`);
  return { categoryId: type.id, executorId: type.defaultExecutorId! };
}

type DraftOverrides = Omit<Partial<AppealDraftInput>, 'applicant'> & {
  applicant?: Partial<Omit<AppealDraftInput['applicant'], 'address'>> & {
    address?: Partial<AppealDraftInput['applicant']['address']>;
  };
};

export function draftInput(overrides: DraftOverrides = {}): AppealDraftInput {
  const { applicant, ...rest } = overrides;
  return {
    type: 'statement',
    ...questionType('standard'),
    essence: 'Немає опалення в квартирі третій день, батареї холодні.',
    ...rest,
    applicant: {
      fullName: 'Коваленко Марія Іванівна',
      phones: ['0671234567'],
      ...applicant,
      address: {
        city: 'Київ',
        street: 'вул. Хрещатик',
        building: '22',
        flat: '5',
        ...applicant?.address,
      },
    },
  };
}

/** The draft as the dispatcher hands it to a handler: parsed, defaults applied. */
export const draft = (overrides: DraftOverrides = {}): AppealDraft =>
  AppealDraft.strict().parse(draftInput(overrides));
