// Reference data for the session: the classifier of question types, the executor directory and
// the call script. Loaded once with the workstation; afterwards only an admin's edit of an
// executor's contacts changes it.
import { createSelector, createSlice } from '@reduxjs/toolkit';
import type {
  CallScript,
  Classifier,
  Executor,
  ExecutorContacts,
  Locale,
  QuestionType,
} from '../../../shared/domain';
import { createAppAsyncThunk } from '../../app/createAppThunk';
import { pickText } from '../../../shared/domain/i18nText';
import { loadWorkstation } from '../../app/appThunks';
import type { RootState } from '../../app/store';
import { foldText, rankByWords, type Searchable } from './search';

export interface ReferenceState {
  classifier: Classifier | null;
  executors: Executor[];
  script: CallScript | null;
}

const initialState: ReferenceState = { classifier: null, executors: [], script: null };

/** Admin only, online only: the server keeps the contacts; the directory here shows them at once. */
export const updateExecutorContacts = createAppAsyncThunk<
  Executor,
  { id: string; contacts: ExecutorContacts }
>('reference/updateExecutor', async (input, { extra: { api }, rejectWithValue }) => {
  const result = await api.reference.updateExecutor(input);
  return result.ok ? result.value : rejectWithValue(result.error);
});

const slice = createSlice({
  name: 'reference',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder.addCase(loadWorkstation.fulfilled, (state, action) => {
      state.classifier = action.payload.classifier;
      state.executors = action.payload.executors.executors;
      state.script = action.payload.script;
    });
    builder.addCase(updateExecutorContacts.fulfilled, (state, action) => {
      const at = state.executors.findIndex((e) => e.id === action.payload.id);
      if (at >= 0) state.executors[at] = action.payload;
    });
  },
});

export const referenceReducer = slice.reducer;

export interface CategoryOption extends Searchable {
  id: string;
  name: string;
  groupLabel: string;
  defaultExecutorId: string | null;
}

export interface ExecutorOption extends Searchable {
  id: string;
  name: string;
}

const selectClassifier = (state: RootState) => state.reference.classifier;
export const selectExecutors = (state: RootState) => state.reference.executors;
export const selectScript = (state: RootState) => state.reference.script;

export const selectQuestionTypeById = createSelector([selectClassifier], (classifier) => {
  const map = new Map<string, QuestionType>();
  for (const type of classifier?.types ?? []) map.set(type.id, type);
  return map;
});

export const selectExecutorById = createSelector([selectExecutors], (executors) => {
  const map = new Map<string, Executor>();
  for (const executor of executors) map.set(executor.id, executor);
  return map;
});

/**
 * Question types grouped by their group, groups with the most appeals first and, inside a group,
 * the most frequent types first: what operators pick most is nearest to hand.
 */
export const selectCategoryOptions = createSelector(
  [selectClassifier, (_: RootState, locale: Locale) => locale],
  (classifier, locale): CategoryOption[] => {
    if (!classifier) return [];
    const groups = new Map(classifier.groups.map((g) => [g.id, g]));
    const label = (groupId: string) => {
      const group = groups.get(groupId);
      return group ? pickText(group.name, locale) : '';
    };
    const parentLabel = (groupId: string) => {
      const parentId = groups.get(groupId)?.parentId;
      return parentId ? label(parentId) : '';
    };
    const groupTotals = new Map<string, number>();
    for (const type of classifier.types) {
      groupTotals.set(type.groupId, (groupTotals.get(type.groupId) ?? 0) + type.frequency);
    }
    return [...classifier.types]
      .sort(
        (a, b) =>
          (groupTotals.get(b.groupId) ?? 0) - (groupTotals.get(a.groupId) ?? 0) ||
          a.groupId.localeCompare(b.groupId) ||
          b.frequency - a.frequency ||
          a.name.localeCompare(b.name, 'uk'),
      )
      .map((type) => ({
        id: type.id,
        name: type.name,
        groupLabel: label(type.groupId),
        defaultExecutorId: type.defaultExecutorId,
        title: foldText(type.name),
        search: foldText(`${type.name} ${label(type.groupId)} ${parentLabel(type.groupId)}`),
      }));
  },
);

/** What the category picker offers for what was typed: the most relevant first, one heading per group. */
export const suggestCategories = (options: readonly CategoryOption[], query: string, limit: number) =>
  rankByWords(options, query, limit, (o) => o.groupLabel);

export const selectExecutorOptions = createSelector([selectExecutors], (executors): ExecutorOption[] =>
  [...executors]
    .sort((a, b) => a.name.localeCompare(b.name, 'uk'))
    .map((e) => ({ id: e.id, name: e.name, search: foldText(e.name) })),
);
