// The appeals open on screen (the detail dialog, the callback panel), each with this workstation's
// changes that the server has not decided yet, what is being sent now, and the last refusal until
// its user dismisses it.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Appeal } from '../../../shared/domain';
import type { AppealHistory } from '../../../shared/domain/appealHistory';
import type { LifecycleActionKind } from '../../../shared/domain/lifecycle';
import type { PendingChange } from '../../../shared/ipc/contract';
import { changeRefusals } from '../../../shared/sync/protocol';
import type { AppError } from '../../../shared/result';
import type { RootState } from '../../app/store';
import {
  actOnAppeal,
  amendAppeal,
  dismissPendingChange,
  fetchAppealHistory,
  fetchAppealState,
} from './appealStateThunks';

export type ChangeKind = LifecycleActionKind | 'amend';

/** A change refused at once (by main's own check, or for a stale version): what, and why. */
export interface Refusal {
  kind: ChangeKind;
  /** A refusal code (lifecycle.ts, amendment.ts, `stale_version`) or the error's code. */
  code: string;
  message: string;
}

export interface AppealStateEntry {
  status: 'loading' | 'loaded' | 'failed';
  appeal: Appeal | null;
  pending: PendingChange[];
  error: AppError | null;
  acting: ChangeKind | 'dismiss' | null;
  refusal: Refusal | null;
}

export interface HistoryEntryState {
  status: 'loading' | 'loaded' | 'failed';
  data: AppealHistory | null;
  error: AppError | null;
}

export interface AppealStatesState {
  byId: Record<string, AppealStateEntry>;
  history: Record<string, HistoryEntryState>;
}

const initialState: AppealStatesState = { byId: {}, history: {} };

const REFUSAL_CODES: readonly string[] = changeRefusals;

/** The precise refusal main named in the error's issues, or the error's own code. */
export function refusalCodeOf(error: AppError): string {
  return error.issues?.find((i) => REFUSAL_CODES.includes(i.code))?.code ?? error.code;
}

const empty = (): AppealStateEntry => ({
  status: 'loading',
  appeal: null,
  pending: [],
  error: null,
  acting: null,
  refusal: null,
});

const errorOf = (payload: AppError | undefined, message: string | undefined): AppError =>
  payload ?? { code: 'internal', message: message ?? 'Unknown error' };

const slice = createSlice({
  name: 'appealStates',
  initialState,
  reducers: {
    refusalDismissed(state, action: PayloadAction<string>) {
      const entry = state.byId[action.payload];
      if (entry) entry.refusal = null;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(fetchAppealState.pending, (state, action) => {
        const entry = (state.byId[action.meta.arg] ??= empty());
        // A re-read keeps what is shown until the answer arrives.
        if (entry.appeal === null) entry.status = 'loading';
      })
      .addCase(fetchAppealState.fulfilled, (state, action) => {
        const entry = (state.byId[action.meta.arg] ??= empty());
        entry.status = 'loaded';
        entry.appeal = action.payload.appeal;
        entry.pending = action.payload.pending;
        entry.error = null;
      })
      .addCase(fetchAppealState.rejected, (state, action) => {
        const entry = (state.byId[action.meta.arg] ??= empty());
        entry.status = 'failed';
        entry.error = errorOf(action.payload, action.error.message);
      });
    for (const thunk of [actOnAppeal, amendAppeal] as const) {
      builder
        .addCase(thunk.pending, (state, action) => {
          const entry = state.byId[action.meta.arg.id];
          if (!entry) return;
          entry.acting = 'action' in action.meta.arg ? action.meta.arg.action.kind : 'amend';
          entry.refusal = null;
        })
        .addCase(thunk.fulfilled, (state, action) => {
          const entry = state.byId[action.meta.arg.id];
          if (!entry) return;
          entry.acting = null;
          entry.appeal = action.payload.appeal;
          entry.pending = action.payload.pending;
        })
        .addCase(thunk.rejected, (state, action) => {
          const entry = state.byId[action.meta.arg.id];
          if (!entry || action.meta.condition) return;
          entry.acting = null;
          const error = errorOf(action.payload, action.error.message);
          entry.refusal = {
            kind: 'action' in action.meta.arg ? action.meta.arg.action.kind : 'amend',
            code: refusalCodeOf(error),
            message: error.message,
          };
        });
    }
    builder
      .addCase(dismissPendingChange.pending, (state, action) => {
        const entry = state.byId[action.meta.arg.id];
        if (entry) entry.acting = 'dismiss';
      })
      .addCase(dismissPendingChange.fulfilled, (state, action) => {
        const entry = state.byId[action.meta.arg.id];
        if (!entry) return;
        entry.acting = null;
        entry.pending = entry.pending.filter((p) => p.mutationId !== action.meta.arg.mutationId);
      })
      .addCase(dismissPendingChange.rejected, (state, action) => {
        const entry = state.byId[action.meta.arg.id];
        if (entry) entry.acting = null;
      })
      .addCase(fetchAppealHistory.pending, (state, action) => {
        const known = state.history[action.meta.arg];
        state.history[action.meta.arg] = { status: 'loading', data: known?.data ?? null, error: null };
      })
      .addCase(fetchAppealHistory.fulfilled, (state, action) => {
        state.history[action.meta.arg] = { status: 'loaded', data: action.payload, error: null };
      })
      .addCase(fetchAppealHistory.rejected, (state, action) => {
        state.history[action.meta.arg] = {
          status: 'failed',
          data: null,
          error: errorOf(action.payload, action.error.message),
        };
      });
  },
});

export const { refusalDismissed } = slice.actions;
export const appealStatesReducer = slice.reducer;

export const selectAppealState = (state: RootState, id: string | null): AppealStateEntry | null =>
  id === null ? null : (state.appealStates.byId[id] ?? null);
export const selectAppealHistory = (state: RootState, id: string | null): HistoryEntryState | null =>
  id === null ? null : (state.appealStates.history[id] ?? null);
