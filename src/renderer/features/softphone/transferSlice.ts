// Attended transfer: the consultation call to the transfer target while the caller waits on hold.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { RootState } from '../../app/store';
import { printable } from './callState';

/** A consultation call to the transfer target while the caller waits on hold. */
export interface ConsultCall {
  callId: string;
  target: string;
  phase: 'dialing' | 'active';
}

const slice = createSlice({
  // Every softphone slice shares the name: action types stay `softphone/<event>`.
  name: 'softphone',
  initialState: null as ConsultCall | null,
  reducers: {
    consultDialled(_state, action: PayloadAction<{ callId: string; target: string }>) {
      return { ...action.payload, target: printable(action.payload.target, 64), phase: 'dialing' as const };
    },
    consultEstablished(state, action: PayloadAction<{ callId: string }>) {
      if (state?.callId === action.payload.callId) state.phase = 'active';
    },
    consultEnded(state, action: PayloadAction<{ callId: string }>) {
      return state?.callId === action.payload.callId ? null : state;
    },
  },
});

export const { consultDialled, consultEstablished, consultEnded } = slice.actions;
export const transferReducer = slice.reducer;

export const selectConsultation = (s: RootState) => s.softphone.consult;
