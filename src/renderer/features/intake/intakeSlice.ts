import { createSlice, current, type PayloadAction } from '@reduxjs/toolkit';
import type { AppealType, BenefitCategory, Channel } from '../../../shared/domain';
import { assertNever, type AppError, type FieldIssue } from '../../../shared/result';
import { loadWorkstation } from '../../app/appThunks';
import { emptyForm, phonePath, textFieldPath, type DraftForm, type TextFieldKey } from './draftForm';
import { saveConsultation } from '../consultations/consultationsThunks';
import { refreshSavedAppeal, registerAppeal } from './intakeThunks';

export interface SavedAppeal {
  id: string;
  number: string;
  receivedOn: string;
  deadlineOn: string;
  priority: boolean;
}

export interface IntakeState {
  form: DraftForm;
  /** Fields the operator has left at least once: their problems are shown. */
  touched: Record<string, true>;
  /** The field being typed into: its problems wait until the operator leaves it. */
  typing: string | null;
  submitAttempted: boolean;
  /** Problems the service reported on save, shown until the field is edited. */
  serverIssues: FieldIssue[];
  currentStepId: string | null;
  status: 'editing' | 'saving' | 'saved';
  saved: SavedAppeal | null;
  saveError: AppError | null;
  /** Bumped when a save is refused, so the form focuses the first invalid field. */
  invalidFocusRequest: number;
  defaultCity: string;
  /**
   * The caller's number as the app put it in the first phone field when a call was answered: while
   * the field still holds it, it is the app's, not the operator's typed work.
   */
  callerPhone: string | null;
  /** The operator asked for a new appeal over a draft with typed work: waiting for their answer. */
  discardAsked: boolean;
  /**
   * The form as it was handed to a consultation ("Record as consultation"). Once that
   * consultation is saved, this draft has been dealt with and the form starts anew, unless the
   * operator went on editing it meanwhile.
   */
  handedToConsultation: DraftForm | null;
}

const initialState: IntakeState = {
  form: emptyForm(''),
  touched: {},
  typing: null,
  submitAttempted: false,
  serverIssues: [],
  currentStepId: null,
  status: 'editing',
  saved: null,
  saveError: null,
  invalidFocusRequest: 0,
  defaultCity: '',
  callerPhone: null,
  discardAsked: false,
  handedToConsultation: null,
};

// Edits are taken only while editing: the form stays enabled while a save is under way (disabling
// the focused control would drop the cursor), and what is typed in that moment is not kept.

function edited(state: IntakeState, path: string) {
  state.typing = path;
  state.serverIssues = state.serverIssues.filter((i) => i.path !== path && !i.path.startsWith(`${path}.`));
  state.saveError = null;
}

function chosen(state: IntakeState, path: string) {
  state.touched[path] = true;
  state.serverIssues = state.serverIssues.filter((i) => i.path !== path);
  state.saveError = null;
}

const slice = createSlice({
  name: 'intake',
  initialState,
  reducers: {
    textFieldEdited(state, action: PayloadAction<{ field: TextFieldKey; value: string }>) {
      if (state.status !== 'editing') return;
      const { field, value } = action.payload;
      switch (field) {
        case 'fullName':
        case 'email':
        case 'iin':
        case 'essence':
        case 'signatories':
          state.form[field] = value;
          break;
        case 'city':
        case 'district':
        case 'street':
        case 'building':
        case 'flat':
          state.form.address[field] = value;
          break;
        default:
          assertNever(field, 'text field');
      }
      edited(state, textFieldPath[field]);
    },
    phoneEdited(state, action: PayloadAction<{ index: number; value: string }>) {
      if (state.status !== 'editing') return;
      const { index, value } = action.payload;
      if (index < 0 || index >= state.form.phones.length) return;
      state.form.phones[index] = value;
      edited(state, phonePath(index));
    },
    /** The softphone answered a call: its number goes first, marked as filled in by the app. */
    callerNumberFilled(state, action: PayloadAction<string>) {
      state.form.phones[0] = action.payload;
      state.callerPhone = action.payload;
      state.touched[phonePath(0)] = true;
    },
    phoneAdded(state) {
      if (state.status !== 'editing') return;
      state.form.phones.push('');
    },
    phoneRemoved(state, action: PayloadAction<number>) {
      if (state.status !== 'editing') return;
      if (state.form.phones.length <= 1) return;
      state.form.phones.splice(action.payload, 1);
      // Indexes after the removed phone shift, so their touched marks and issues would point elsewhere.
      for (const key of Object.keys(state.touched))
        if (key.startsWith('applicant.phones.')) delete state.touched[key];
      state.serverIssues = state.serverIssues.filter((i) => !i.path.startsWith('applicant.phones'));
    },
    appealTypeChosen(state, action: PayloadAction<AppealType>) {
      if (state.status !== 'editing') return;
      state.form.type = action.payload;
      chosen(state, 'type');
    },
    channelChosen(state, action: PayloadAction<Channel>) {
      if (state.status !== 'editing') return;
      state.form.channel = action.payload;
      chosen(state, 'channel');
    },
    benefitChosen(state, action: PayloadAction<BenefitCategory>) {
      if (state.status !== 'editing') return;
      state.form.benefit = action.payload;
      chosen(state, 'benefit');
    },
    collectiveToggled(state, action: PayloadAction<boolean>) {
      if (state.status !== 'editing') return;
      state.form.collective = action.payload;
      if (!action.payload) state.form.signatories = '';
      chosen(state, 'collective');
    },
    consentToggled(state, action: PayloadAction<boolean>) {
      if (state.status !== 'editing') return;
      state.form.consentToPublish = action.payload;
      chosen(state, 'consentToPublish');
    },
    categoryChosen(state, action: PayloadAction<{ id: string; defaultExecutorId: string | null } | null>) {
      if (state.status !== 'editing') return;
      state.form.categoryId = action.payload?.id ?? null;
      // The classifier's default executor is the usual route; the operator may still change it.
      if (action.payload?.defaultExecutorId) {
        state.form.executorId = action.payload.defaultExecutorId;
        chosen(state, 'executorId');
      }
      chosen(state, 'categoryId');
    },
    executorChosen(state, action: PayloadAction<string | null>) {
      if (state.status !== 'editing') return;
      state.form.executorId = action.payload;
      chosen(state, 'executorId');
    },
    repeatLinkToggled(state, action: PayloadAction<string | null>) {
      if (state.status !== 'editing') return;
      state.form.repeatOf = action.payload;
    },
    fieldBlurred(state, action: PayloadAction<string>) {
      state.touched[action.payload] = true;
      if (state.typing === action.payload) state.typing = null;
    },
    scriptStepReached(state, action: PayloadAction<string>) {
      state.currentStepId = action.payload;
    },
    /** The cursor entered a section standing for these steps: one of them is the current step. */
    scriptSectionReached(state, action: PayloadAction<string[]>) {
      const ids = action.payload;
      if (state.currentStepId === null || !ids.includes(state.currentStepId))
        state.currentStepId = ids[0] ?? null;
    },
    newAppealStarted(state) {
      return { ...initialState, form: emptyForm(state.defaultCity), defaultCity: state.defaultCity };
    },
    draftDiscardAsked(state) {
      state.discardAsked = true;
    },
    draftDiscardCancelled(state) {
      state.discardAsked = false;
    },
    draftHandedToConsultation(state) {
      state.handedToConsultation = current(state.form);
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadWorkstation.fulfilled, (state, action) => {
        const city = action.payload.info.center.city ?? '';
        if (state.form.address.city === state.defaultCity) state.form.address.city = city;
        state.defaultCity = city;
      })
      .addCase(registerAppeal.pending, (state) => {
        state.status = 'saving';
        state.saveError = null;
      })
      .addCase(registerAppeal.fulfilled, (state, action) => {
        if (!action.payload) {
          // The draft failed the check before anything was sent: show every problem at once.
          state.status = 'editing';
          state.submitAttempted = true;
          state.typing = null;
          state.invalidFocusRequest += 1;
          return;
        }
        const appeal = action.payload;
        state.status = 'saved';
        state.typing = null;
        state.saved = {
          id: appeal.id,
          number: appeal.officialNumber ?? appeal.provisionalNumber,
          receivedOn: appeal.receivedOn,
          deadlineOn: appeal.deadlineOn,
          priority: appeal.priority,
        };
      })
      .addCase(saveConsultation.fulfilled, (state, action) => {
        const handed = state.handedToConsultation;
        if (!action.payload || !handed || state.status !== 'editing') return;
        if (JSON.stringify(handed) !== JSON.stringify(state.form)) {
          state.handedToConsultation = null;
          return;
        }
        return { ...initialState, form: emptyForm(state.defaultCity), defaultCity: state.defaultCity };
      })
      .addCase(refreshSavedAppeal.fulfilled, (state, action) => {
        // The operator may still be reading the number to the caller: the official one replaces
        // the provisional one as soon as the server assigned it.
        const { id, officialNumber } = action.payload;
        if (state.saved?.id === id && officialNumber) state.saved.number = officialNumber;
      })
      .addCase(registerAppeal.rejected, (state, action) => {
        if (action.meta.condition) {
          // Refused before saving: a draft that fails the check (while saving or saved, a repeat).
          if (state.status !== 'editing') return;
          state.submitAttempted = true;
          state.typing = null;
          state.invalidFocusRequest += 1;
          return;
        }
        state.status = 'editing';
        const error = action.payload ?? {
          code: 'internal',
          message: action.error.message ?? 'Unknown error',
        };
        if (error.code === 'invalid_input' && error.issues && error.issues.length > 0) {
          state.serverIssues = error.issues;
          state.submitAttempted = true;
          state.invalidFocusRequest += 1;
        } else {
          state.saveError = error;
        }
      });
  },
});

export const {
  textFieldEdited,
  phoneEdited,
  callerNumberFilled,
  phoneAdded,
  phoneRemoved,
  appealTypeChosen,
  channelChosen,
  benefitChosen,
  collectiveToggled,
  consentToggled,
  categoryChosen,
  executorChosen,
  repeatLinkToggled,
  fieldBlurred,
  scriptStepReached,
  scriptSectionReached,
  newAppealStarted,
  draftDiscardAsked,
  draftDiscardCancelled,
  draftHandedToConsultation,
} = slice.actions;
export const intakeReducer = slice.reducer;
