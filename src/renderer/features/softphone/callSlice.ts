// The current call and its record: the call's phase as the adapter reports it, and the record
// reported through `calls:save` at each step (ring, answer, end); main owns its version and links
// what is registered during the call, which the record here mirrors.
// One slice because each record change follows from the call's phase at that moment.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { MAX_LINKS, type CallReport } from '../../../shared/softphone';
import type { RootState } from '../../app/store';
import type { EndReason, RemoteParty } from '../../softphone/softphone';
import { newCallRecord, printable, resultOf, type CallState } from './callState';

export interface CurrentCallState {
  call: CallState;
  /** The record of the current or just-ended call; reported through `calls:save` at each step. */
  record: CallReport | null;
}

const initialState: CurrentCallState = { call: { phase: 'idle' }, record: null };

export interface CallStart {
  callId: string;
  sipCallId: string;
  remote: RemoteParty;
  localNumber: string;
  at: string;
  /** Ringing: another operator consulting this one before an attended transfer. */
  consultation?: boolean;
}

function changed(record: CallReport | null, change: Partial<CallReport>): CallReport | null {
  return record && { ...record, ...change };
}

const remoteOf = (remote: RemoteParty): RemoteParty => ({
  number: printable(remote.number, 64),
  name: remote.name === null ? null : printable(remote.name, 128),
});

const slice = createSlice({
  // Every softphone slice shares the name: action types stay `softphone/<event>`.
  name: 'softphone',
  initialState,
  reducers: {
    callRang(state, action: PayloadAction<CallStart>) {
      const { callId, remote, at, consultation } = action.payload;
      state.call = { phase: 'ringing', direction: 'inbound', callId, remote: remoteOf(remote), ringAt: at };
      state.record = newCallRecord({
        ...action.payload,
        direction: 'inbound',
        kind: consultation ? 'consultation' : 'citizen',
      });
    },
    /**
     * The call in progress was replaced (an attended transfer handed its citizen to this operator):
     * the new call, being answered, takes its place with a record of its own. The replaced call's
     * record is finished by the listener (softphoneListeners.ts), which still sees it.
     */
    callReplaced(state, action: PayloadAction<CallStart & { replacedCallId: string }>) {
      const call = state.call;
      const { callId, replacedCallId, remote, at } = action.payload;
      if ((call.phase !== 'active' && call.phase !== 'held') || call.callId !== replacedCallId) return;
      state.call = {
        phase: 'connecting',
        direction: 'inbound',
        callId,
        remote: remoteOf(remote),
        ringAt: at,
      };
      state.record = newCallRecord({ ...action.payload, direction: 'inbound', kind: 'citizen' });
    },
    callDialled(state, action: PayloadAction<CallStart>) {
      const { callId, remote, at } = action.payload;
      state.call = { phase: 'dialing', direction: 'outbound', callId, remote: remoteOf(remote), ringAt: at };
      state.record = newCallRecord({ ...action.payload, direction: 'outbound' });
    },
    callConnecting(state, action: PayloadAction<{ callId: string }>) {
      const call = state.call;
      if (call.phase === 'idle' || call.phase === 'ended' || call.callId !== action.payload.callId) return;
      if (call.phase === 'active' || call.phase === 'held') return;
      state.call = { ...call, phase: 'connecting' };
    },
    callEstablished(state, action: PayloadAction<{ callId: string; at: string }>) {
      const call = state.call;
      if (call.phase === 'idle' || call.phase === 'ended' || call.callId !== action.payload.callId) return;
      if (call.phase === 'active' || call.phase === 'held') return;
      const { at } = action.payload;
      state.call = { ...call, phase: 'active', answeredAt: at, muted: false };
      state.record = changed(state.record, { answeredAt: at });
    },
    callHoldChanged(state, action: PayloadAction<{ callId: string; held: boolean }>) {
      const call = state.call;
      if ((call.phase !== 'active' && call.phase !== 'held') || call.callId !== action.payload.callId) return;
      state.call = { ...call, phase: action.payload.held ? 'held' : 'active' };
    },
    callMuteChanged(state, action: PayloadAction<{ callId: string; muted: boolean }>) {
      const call = state.call;
      if ((call.phase !== 'active' && call.phase !== 'held') || call.callId !== action.payload.callId) return;
      call.muted = action.payload.muted;
    },
    callEnded(
      state,
      action: PayloadAction<{ callId: string; reason: EndReason; transferTarget: string | null; at: string }>,
    ) {
      const call = state.call;
      const { callId, reason } = action.payload;
      if (call.phase === 'idle' || call.phase === 'ended' || call.callId !== callId) return;
      const answeredAt = call.phase === 'active' || call.phase === 'held' ? call.answeredAt : null;
      // An end time the adapter learned late never precedes what the record already holds.
      const since = answeredAt ?? call.ringAt;
      const at = Date.parse(action.payload.at) < Date.parse(since) ? since : action.payload.at;
      const result = resultOf(reason, answeredAt !== null, call.direction);
      const transferTarget =
        action.payload.transferTarget === null ? null : printable(action.payload.transferTarget, 64);
      state.call = { ...call, phase: 'ended', answeredAt, endedAt: at, result };
      state.record = changed(state.record, { endedAt: at, result, transferTarget });
    },
    /** Wrap-up is over (or never began): the pane returns to idle. */
    callCleared(state) {
      if (state.call.phase !== 'ended') return;
      state.call = { phase: 'idle' };
      state.record = null;
    },
    /** Main linked what was registered during the call to its record: this copy shows it too. */
    callLinked(state, action: PayloadAction<{ kind: 'appeal' | 'consultation'; id: string }>) {
      const record = state.record;
      if (!record) return;
      const key = action.payload.kind === 'appeal' ? 'appealIds' : 'consultationIds';
      if (record[key].includes(action.payload.id) || record[key].length >= MAX_LINKS) return;
      state.record = changed(record, { [key]: [...record[key], action.payload.id] });
    },
  },
});

export const {
  callRang,
  callDialled,
  callConnecting,
  callEstablished,
  callHoldChanged,
  callMuteChanged,
  callEnded,
  callReplaced,
  callCleared,
  callLinked,
} = slice.actions;
export const currentCallReducer = slice.reducer;

export const selectCall = (s: RootState) => s.softphone.current.call;
export const selectCallRecord = (s: RootState) => s.softphone.current.record;
