// A consultation: a question answered from reference data (Art. 8 practice: what cannot or need
// not become an appeal is still recorded, with the answer the caller was given).
import { createAction, createSelector, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { ConsultationDraft, type Consultation } from '../../../shared/domain';
import { fieldIssues } from '../../../shared/domain/validation';
import type { AppError, FieldIssue } from '../../../shared/result';
import type { RootState } from '../../app/store';
import { loadConsultations, loadMoreConsultations, saveConsultation } from './consultationsThunks';
import {
  consultationInput,
  emptyConsultationForm,
  type ConsultationForm,
  type ConsultationTextField,
} from './consultationForm';

export interface ConsultationsState {
  form: ConsultationForm;
  touched: Record<string, true>;
  typing: string | null;
  submitAttempted: boolean;
  serverIssues: FieldIssue[];
  saving: boolean;
  saveError: AppError | null;
  lastSaved: Consultation | null;
  invalidFocusRequest: number;
  items: Consultation[];
  nextCursor: string | null;
  listStatus: 'idle' | 'loading' | 'loaded' | 'failed';
  listError: AppError | null;
  directoryQuery: string;
}

const initialState: ConsultationsState = {
  form: emptyConsultationForm,
  touched: {},
  typing: null,
  submitAttempted: false,
  serverIssues: [],
  saving: false,
  saveError: null,
  lastSaved: null,
  invalidFocusRequest: 0,
  items: [],
  nextCursor: null,
  listStatus: 'idle',
  listError: null,
  directoryQuery: '',
};

const unknownError = (message: string | undefined): AppError => ({
  code: 'internal',
  message: message ?? 'Unknown error',
});

const slice = createSlice({
  name: 'consultations',
  initialState,
  reducers: {
    consultationFieldEdited(state, action: PayloadAction<{ field: ConsultationTextField; value: string }>) {
      state.form[action.payload.field] = action.payload.value;
      state.typing = action.payload.field;
      state.serverIssues = state.serverIssues.filter((i) => i.path !== action.payload.field);
      state.lastSaved = null;
    },
    consultationFieldBlurred(state, action: PayloadAction<string>) {
      state.touched[action.payload] = true;
      if (state.typing === action.payload) state.typing = null;
    },
    consultationCategoryChosen(
      state,
      action: PayloadAction<{ id: string; defaultExecutorId: string | null } | null>,
    ) {
      state.form.categoryId = action.payload?.id ?? null;
      if (action.payload?.defaultExecutorId) state.form.executorId = action.payload.defaultExecutorId;
      state.lastSaved = null;
    },
    consultationExecutorChosen(state, action: PayloadAction<string | null>) {
      state.form.executorId = action.payload;
      state.lastSaved = null;
    },
    /** The operator turned a call that cannot be an appeal (e.g. anonymous) into a consultation. */
    consultationDraftedFromIntake(state, action: PayloadAction<ConsultationForm>) {
      state.form = action.payload;
      state.touched = {};
      state.submitAttempted = false;
      state.serverIssues = [];
      state.lastSaved = null;
      state.saveError = null;
    },
    directorySearchEdited(state, action: PayloadAction<string>) {
      state.directoryQuery = action.payload;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(saveConsultation.pending, (state) => {
        state.saving = true;
        state.saveError = null;
      })
      .addCase(saveConsultation.fulfilled, (state, action) => {
        state.saving = false;
        if (!action.payload) {
          state.submitAttempted = true;
          state.typing = null;
          state.invalidFocusRequest += 1;
          return;
        }
        state.lastSaved = action.payload;
        state.items = [action.payload, ...state.items.filter((c) => c.id !== action.payload!.id)];
        state.form = emptyConsultationForm;
        state.touched = {};
        state.submitAttempted = false;
        state.serverIssues = [];
      })
      .addCase(saveConsultation.rejected, (state, action) => {
        state.saving = false;
        const error = action.payload ?? unknownError(action.error.message);
        if (error.code === 'invalid_input' && error.issues?.length) {
          state.serverIssues = error.issues;
          state.submitAttempted = true;
          state.invalidFocusRequest += 1;
        } else {
          state.saveError = error;
        }
      })
      .addCase(loadConsultations.pending, (state) => {
        state.listStatus = 'loading';
        state.listError = null;
      })
      .addCase(loadConsultations.fulfilled, (state, action) => {
        state.listStatus = 'loaded';
        state.items = action.payload.items;
        state.nextCursor = action.payload.nextCursor;
      })
      .addCase(loadConsultations.rejected, (state, action) => {
        state.listStatus = 'failed';
        state.listError = action.payload ?? unknownError(action.error.message);
      })
      .addCase(loadMoreConsultations.fulfilled, (state, action) => {
        const known = new Set(state.items.map((c) => c.id));
        state.items.push(...action.payload.items.filter((c) => !known.has(c.id)));
        state.nextCursor = action.payload.nextCursor;
      })
      .addCase(loadMoreConsultations.rejected, (state, action) => {
        state.listError = action.payload ?? unknownError(action.error.message);
      });
  },
});

export const {
  consultationFieldEdited,
  consultationFieldBlurred,
  consultationCategoryChosen,
  consultationExecutorChosen,
  consultationDraftedFromIntake,
  directorySearchEdited,
} = slice.actions;
export const consultationsReducer = slice.reducer;

/** Main recorded a consultation on this workstation, linked to the call it names (if any). */
export const consultationCreatedAnnounced = createAction<{ id: string; callId: string | null }>(
  'consultations/createdAnnounced',
);
/** Sync brought or changed consultations (from the server, other workstations). */
export const consultationsChangedAnnounced = createAction<{ ids: string[] }>(
  'consultations/changedAnnounced',
);

export const selectConsultations = (state: RootState) => state.consultations;
export const selectConsultationForm = (state: RootState) => state.consultations.form;

export const selectConsultationCheck = createSelector([selectConsultationForm], (form) => {
  const parsed = ConsultationDraft.safeParse(consultationInput(form));
  return parsed.success
    ? { valid: true as const, draft: parsed.data, issues: [] as FieldIssue[] }
    : { valid: false as const, issues: fieldIssues(parsed.error) };
});

export const selectConsultationIssues = createSelector(
  [selectConsultationCheck, selectConsultations],
  (check, s): Map<string, FieldIssue> => {
    const visible = new Map<string, FieldIssue>();
    for (const issue of s.serverIssues) visible.set(issue.path, issue);
    for (const issue of check.issues) {
      if (s.typing === issue.path || (!s.submitAttempted && !s.touched[issue.path])) continue;
      if (!visible.has(issue.path)) visible.set(issue.path, issue);
    }
    return visible;
  },
);
