// Suggestions beside the category and executor pickers (issue 14, part 1). The slice holds the last
// answer of `suggest:query` for the form as it is now (`forKey`), and whether the model is there at
// all: a missing or damaged model is a notice, and the pickers work as before.
import { createSelector, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type {
  CategorySuggestion,
  ExecutorSuggestion,
  SuggestAnswer,
  SuggestUnavailableReason,
} from '../../../shared/ipc/suggest';
import type { RootState } from '../../app/store';
import { selectLocale } from '../../app/appSlice';
import { newAppealStarted } from '../intake/intakeSlice';
import { selectCategoryOptions, selectExecutorById, type CategoryOption } from '../reference/referenceSlice';

export interface SuggestState {
  /** `unknown` until main has answered once (the first answer also loads the model there). */
  model: 'unknown' | 'ready' | 'unavailable';
  unavailable: { reason: SuggestUnavailableReason; message: string } | null;
  /** The query (see suggestQuery.ts) the shown suggestions answer; null: none shown. */
  forKey: string | null;
  categories: CategorySuggestion[];
  executors: ExecutorSuggestion[];
}

const initialState: SuggestState = {
  model: 'unknown',
  unavailable: null,
  forKey: null,
  categories: [],
  executors: [],
};

const slice = createSlice({
  name: 'suggest',
  initialState,
  reducers: {
    suggestionsAnswered(state, action: PayloadAction<{ key: string | null; answer: SuggestAnswer }>) {
      const { key, answer } = action.payload;
      if (answer.model === 'unavailable') {
        return {
          ...initialState,
          model: 'unavailable',
          unavailable: { reason: answer.reason, message: answer.message },
        };
      }
      state.model = 'ready';
      state.unavailable = null;
      state.forKey = key;
      state.categories = key === null ? [] : answer.categories;
      state.executors = key === null ? [] : answer.executors;
    },
    /** Nothing to suggest from (no essence, no category): the panel empties. */
    suggestionsCleared(state) {
      state.forKey = null;
      state.categories = [];
      state.executors = [];
    },
  },
  extraReducers: (builder) => {
    builder.addCase(newAppealStarted, (state) => {
      state.forKey = null;
      state.categories = [];
      state.executors = [];
    });
  },
});

export const { suggestionsAnswered, suggestionsCleared } = slice.actions;
export const suggestReducer = slice.reducer;

export const selectSuggestModel = (state: RootState) => state.suggest.model;
export const selectSuggestUnavailable = (state: RootState) => state.suggest.unavailable;

export interface ShownCategory extends CategorySuggestion {
  option: CategoryOption;
}

/** Suggested categories the classifier knows (a model older than the classifier may name others). */
export const selectSuggestedCategories = createSelector(
  [
    (state: RootState) => state.suggest.categories,
    (state: RootState) => selectCategoryOptions(state, selectLocale(state)),
  ],
  (categories, options): ShownCategory[] => {
    const byId = new Map(options.map((o) => [o.id, o]));
    return categories.flatMap((c) => {
      const option = byId.get(c.id);
      return option ? [{ ...c, option }] : [];
    });
  },
);

export interface ShownExecutor extends ExecutorSuggestion {
  name: string;
}

export const selectSuggestedExecutors = createSelector(
  [(state: RootState) => state.suggest.executors, selectExecutorById],
  (executors, byId): ShownExecutor[] =>
    executors.flatMap((e) => {
      const executor = byId.get(e.id);
      return executor ? [{ ...e, name: executor.name }] : [];
    }),
);
