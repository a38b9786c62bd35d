// The screen pop: what is known about the caller while the phone rings. The slice holds which
// caller and building the pop shows; the appeals themselves come from the lookups cache the caller
// panel reads too (features/lookups). Reset by each new call and when the pane returns to idle.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { RootState } from '../../app/store';
import {
  lookupsApi,
  selectLookup,
  type BuildingAppealsArgs,
  type CallerHistoryArgs,
} from '../lookups/lookupsApi';
import { callCleared, callDialled, callRang, callReplaced } from './callSlice';

/** A lookup the pop shows: the key it is known by and the request, answered from the cache. */
interface Followed<A> {
  key: string | null;
  args: A | null;
}

export interface ScreenPop {
  callId: string;
  /** The caller id as E.164 when it parses as a phone; lookups run only then. */
  phone: string | null;
  status: 'idle' | 'loading' | 'loaded' | 'failed';
  history: Followed<CallerHistoryArgs>;
  /** Open appeals at the address of the caller's latest appeal; the key is that address's line. */
  building: Followed<BuildingAppealsArgs>;
}

const none = { key: null, args: null };

const slice = createSlice({
  // Every softphone slice shares the name: action types stay `softphone/<event>`.
  name: 'softphone',
  initialState: null as ScreenPop | null,
  reducers: {
    screenPopStarted(_state, action: PayloadAction<{ callId: string; phone: string | null }>) {
      const { phone } = action.payload;
      return {
        ...action.payload,
        status: phone ? ('loading' as const) : ('idle' as const),
        // The same entry as the caller panel's `{ phone }`: 20 is the contract's default limit.
        history: phone ? { key: phone, args: { phone, limit: 20 } } : none,
        building: none,
      };
    },
    screenPopLoaded(
      state,
      action: PayloadAction<{ callId: string; building: { line: string; args: BuildingAppealsArgs } | null }>,
    ) {
      if (state?.callId !== action.payload.callId) return state;
      const { building } = action.payload;
      return {
        ...state,
        building: building ? { key: building.line, args: building.args } : none,
        status: 'loaded' as const,
      };
    },
    screenPopFailed(state, action: PayloadAction<{ callId: string }>) {
      if (state?.callId === action.payload.callId) state.status = 'failed';
    },
  },
  extraReducers: (builder) => {
    // A new call replaces the pop (its own starts after); idle clears it. callCleared is a no-op
    // for the call unless it had ended, and is otherwise followed by a new call, which clears it.
    builder.addMatcher(
      (action) =>
        callRang.match(action) ||
        callDialled.match(action) ||
        callReplaced.match(action) ||
        callCleared.match(action),
      () => null,
    );
  },
});

export const { screenPopStarted, screenPopLoaded, screenPopFailed } = slice.actions;
export const screenPopReducer = slice.reducer;

export const selectScreenPop = (s: RootState) => s.softphone.screenPop;

/** The caller's earlier appeals, from the shared cache. */
export const selectScreenPopHistory = selectLookup(
  lookupsApi.endpoints.callerHistory,
  (s: RootState) => s.softphone.screenPop?.history ?? none,
);
/** Open appeals at the building of the caller's latest appeal, from the shared cache. */
export const selectScreenPopBuilding = selectLookup(
  lookupsApi.endpoints.buildingAppeals,
  (s: RootState) => s.softphone.screenPop?.building ?? none,
);
