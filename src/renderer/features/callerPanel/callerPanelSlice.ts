// What is already known about the caller while the operator types: earlier appeals and
// consultations from the same phone, open appeals at the same building, and the Art. 8 repeat
// check. Each lookup carries the key it was made for; an answer for an older key is dropped.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { AppealSummary, Consultation } from '../../../shared/domain';
import type { RepeatCheck } from '../../../shared/ipc/contract';
import type { RootState } from '../../app/store';
import { newAppealStarted } from '../intake/intakeSlice';

type Status = 'idle' | 'loading' | 'loaded' | 'failed';

export interface Lookup<T> {
  key: string | null;
  status: Status;
  data: T | null;
  error: string | null;
}

export interface CallerPanelState {
  history: Lookup<{ appeals: AppealSummary[]; consultations: Consultation[] }>;
  building: Lookup<{ openAppeals: AppealSummary[] }>;
  repeat: Lookup<RepeatCheck>;
}

const idle = <T>(): Lookup<T> => ({ key: null, status: 'idle', data: null, error: null });
const initialState: CallerPanelState = { history: idle(), building: idle(), repeat: idle() };

type LookupName = keyof CallerPanelState;

const slice = createSlice({
  name: 'callerPanel',
  initialState,
  reducers: {
    lookupStarted(state, action: PayloadAction<{ lookup: LookupName; key: string }>) {
      state[action.payload.lookup] = { key: action.payload.key, status: 'loading', data: null, error: null };
    },
    lookupCleared(state, action: PayloadAction<LookupName>) {
      state[action.payload] = idle();
    },
    lookupFailed(state, action: PayloadAction<{ lookup: LookupName; key: string; message: string }>) {
      const lookup = state[action.payload.lookup];
      if (lookup.key !== action.payload.key) return;
      lookup.status = 'failed';
      lookup.error = action.payload.message;
    },
    callerHistoryLoaded(
      state,
      action: PayloadAction<{ key: string; appeals: AppealSummary[]; consultations: Consultation[] }>,
    ) {
      if (state.history.key !== action.payload.key) return;
      const { appeals, consultations } = action.payload;
      state.history = {
        key: action.payload.key,
        status: 'loaded',
        data: { appeals, consultations },
        error: null,
      };
    },
    buildingAppealsLoaded(state, action: PayloadAction<{ key: string; openAppeals: AppealSummary[] }>) {
      if (state.building.key !== action.payload.key) return;
      const { openAppeals } = action.payload;
      state.building = { key: action.payload.key, status: 'loaded', data: { openAppeals }, error: null };
    },
    repeatChecked(state, action: PayloadAction<{ key: string; verdict: RepeatCheck }>) {
      if (state.repeat.key !== action.payload.key) return;
      state.repeat = { key: action.payload.key, status: 'loaded', data: action.payload.verdict, error: null };
    },
  },
  extraReducers: (builder) => {
    builder.addCase(newAppealStarted, () => initialState);
  },
});

export const {
  lookupStarted,
  lookupCleared,
  lookupFailed,
  callerHistoryLoaded,
  buildingAppealsLoaded,
  repeatChecked,
} = slice.actions;
export const callerPanelReducer = slice.reducer;

export const selectCallerHistory = (state: RootState) => state.callerPanel.history;
export const selectBuildingAppeals = (state: RootState) => state.callerPanel.building;
export const selectRepeatCheck = (state: RootState) => state.callerPanel.repeat;
