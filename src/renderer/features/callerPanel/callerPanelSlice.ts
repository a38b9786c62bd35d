// What is already known about the caller while the operator types: earlier appeals and
// consultations from the same phone, open appeals at the same building, and the Art. 8 repeat
// check. The slice holds which lookups the panel follows (each with the key it was made for); the
// answers live in the shared lookups cache (features/lookups), so an answer for an older key is
// never shown and screen pop's answers for the same caller are reused.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { assertNever } from '../../../shared/result';
import type { RootState } from '../../app/store';
import { newAppealStarted } from '../intake/intakeSlice';
import {
  lookupsApi,
  selectLookup,
  type AppealByNumberArgs,
  type BuildingAppealsArgs,
  type CallerHistoryArgs,
  type RepeatCheckArgs,
} from '../lookups/lookupsApi';

export type { Lookup } from '../lookups/lookupsApi';

interface Followed<A> {
  key: string | null;
  args: A | null;
}

export interface CallerPanelState {
  history: Followed<CallerHistoryArgs>;
  building: Followed<BuildingAppealsArgs>;
  repeat: Followed<RepeatCheckArgs>;
  /** A citizen calling again reads out their appeal's number: the appeal it names. */
  number: Followed<AppealByNumberArgs>;
  /** What the operator typed in the "find by number" box. */
  numberText: string;
}

const none = { key: null, args: null };
const initialState: CallerPanelState = {
  history: none,
  building: none,
  repeat: none,
  number: none,
  numberText: '',
};

export type LookupName = 'history' | 'building' | 'repeat' | 'number';
type Started =
  | { lookup: 'number'; key: string; args: AppealByNumberArgs }
  | { lookup: 'history'; key: string; args: CallerHistoryArgs }
  | { lookup: 'building'; key: string; args: BuildingAppealsArgs }
  | { lookup: 'repeat'; key: string; args: RepeatCheckArgs };

const slice = createSlice({
  name: 'callerPanel',
  initialState,
  reducers: {
    lookupStarted(state, action: PayloadAction<Started>) {
      const started = action.payload;
      switch (started.lookup) {
        case 'history':
          state.history = { key: started.key, args: started.args };
          break;
        case 'building':
          state.building = { key: started.key, args: started.args };
          break;
        case 'repeat':
          state.repeat = { key: started.key, args: started.args };
          break;
        case 'number':
          state.number = { key: started.key, args: started.args };
          break;
        default:
          assertNever(started, 'lookup');
      }
    },
    lookupCleared(state, action: PayloadAction<LookupName>) {
      state[action.payload] = none;
    },
    numberLookupEdited(state, action: PayloadAction<string>) {
      state.numberText = action.payload;
    },
  },
  extraReducers: (builder) => {
    builder.addCase(newAppealStarted, () => initialState);
  },
});

export const { lookupStarted, lookupCleared, numberLookupEdited } = slice.actions;
export const callerPanelReducer = slice.reducer;

export const selectCallerHistory = selectLookup(
  lookupsApi.endpoints.callerHistory,
  (state: RootState) => state.callerPanel.history,
);
export const selectBuildingAppeals = selectLookup(
  lookupsApi.endpoints.buildingAppeals,
  (state: RootState) => state.callerPanel.building,
);
export const selectRepeatCheck = selectLookup(
  lookupsApi.endpoints.repeatCheck,
  (state: RootState) => state.callerPanel.repeat,
);
export const selectAppealByNumber = selectLookup(
  lookupsApi.endpoints.appealByNumber,
  (state: RootState) => state.callerPanel.number,
);
export const selectNumberText = (state: RootState) => state.callerPanel.numberText;
