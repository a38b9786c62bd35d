// Softphone state: registration, the current call, its record, the screen pop, audio devices and
// the agent state main reports. Actions are events from the adapter, the service or the operator.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { AppealSummary, Consultation } from '../../../shared/domain';
import type { AgentStatus, CallRecord, SoftphoneConfig } from '../../../shared/softphone';
import type { RootState } from '../../app/store';
import type {
  EndReason,
  RegistrationState,
  RemoteParty,
  SoftphoneErrorCode,
} from '../../softphone/softphone';
import { newCallRecord, printable, resultOf, type CallState } from './callState';

export interface AudioDeviceOption {
  id: string;
  label: string;
}

export interface DevicesState {
  status: 'unknown' | 'listed' | 'unavailable';
  microphones: AudioDeviceOption[];
  speakers: AudioDeviceOption[];
  microphoneId: string | null;
  speakerId: string | null;
  ringerId: string | null;
}

export interface ScreenPop {
  callId: string;
  /** The caller id as E.164 when it parses as a phone; lookups run only then. */
  phone: string | null;
  status: 'idle' | 'loading' | 'loaded' | 'failed';
  appeals: AppealSummary[];
  consultations: Consultation[];
  buildingAppeals: AppealSummary[];
  buildingAddress: string | null;
}

/** A consultation call to the transfer target while the caller waits on hold. */
export interface ConsultCall {
  callId: string;
  target: string;
  phase: 'dialing' | 'active';
}

export interface SoftphoneState {
  configured: boolean;
  wrapUpSeconds: number;
  registration: RegistrationState;
  call: CallState;
  /** The record of the current or just-ended call; saved through `calls:save` at each step. */
  record: CallRecord | null;
  consult: ConsultCall | null;
  screenPop: ScreenPop | null;
  devices: DevicesState;
  agent: AgentStatus | null;
  agentError: string | null;
  error: SoftphoneErrorCode | null;
}

const initialState: SoftphoneState = {
  configured: false,
  wrapUpSeconds: 0,
  registration: { state: 'unconfigured', reason: null },
  call: { phase: 'idle' },
  record: null,
  consult: null,
  screenPop: null,
  devices: {
    status: 'unknown',
    microphones: [],
    speakers: [],
    microphoneId: null,
    speakerId: null,
    ringerId: null,
  },
  agent: null,
  agentError: null,
  error: null,
};

interface CallStart {
  callId: string;
  sipCallId: string;
  remote: RemoteParty;
  localNumber: string;
  operatorId: string;
  at: string;
  /** Ringing: another operator consulting this one before an attended transfer. */
  consultation?: boolean;
}

function bump(record: CallRecord | null, at: string, change: Partial<CallRecord>): CallRecord | null {
  if (!record) return null;
  return { ...record, ...change, version: record.version + 1, updatedAt: at };
}

const remoteOf = (remote: RemoteParty): RemoteParty => ({
  number: printable(remote.number, 64),
  name: remote.name === null ? null : printable(remote.name, 128),
});

const slice = createSlice({
  name: 'softphone',
  initialState,
  reducers: {
    configLoaded(state, action: PayloadAction<SoftphoneConfig>) {
      state.configured = action.payload.configured;
      if (action.payload.configured) state.wrapUpSeconds = action.payload.sip.wrapUpSeconds;
      else state.registration = { state: 'unconfigured', reason: action.payload.reason };
    },
    registrationChanged(state, action: PayloadAction<RegistrationState>) {
      state.registration = action.payload;
    },
    callRang(state, action: PayloadAction<CallStart>) {
      const { callId, remote, at, consultation } = action.payload;
      state.call = { phase: 'ringing', direction: 'inbound', callId, remote: remoteOf(remote), ringAt: at };
      state.record = newCallRecord({
        ...action.payload,
        direction: 'inbound',
        kind: consultation ? 'consultation' : 'citizen',
      });
      state.screenPop = null;
      state.error = null;
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
      state.screenPop = null;
      state.error = null;
    },
    callDialled(state, action: PayloadAction<CallStart>) {
      const { callId, remote, at } = action.payload;
      state.call = { phase: 'dialing', direction: 'outbound', callId, remote: remoteOf(remote), ringAt: at };
      state.record = newCallRecord({ ...action.payload, direction: 'outbound' });
      state.screenPop = null;
      state.error = null;
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
      state.record = bump(state.record, at, { answeredAt: at });
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
      state.record = bump(state.record, at, { endedAt: at, result, transferTarget });
    },
    consultDialled(state, action: PayloadAction<{ callId: string; target: string }>) {
      state.consult = { ...action.payload, target: printable(action.payload.target, 64), phase: 'dialing' };
    },
    consultEstablished(state, action: PayloadAction<{ callId: string }>) {
      if (state.consult?.callId === action.payload.callId) state.consult.phase = 'active';
    },
    consultEnded(state, action: PayloadAction<{ callId: string }>) {
      if (state.consult?.callId === action.payload.callId) state.consult = null;
    },
    /** Wrap-up is over (or never began): the pane returns to idle. */
    callCleared(state) {
      if (state.call.phase !== 'ended') return;
      state.call = { phase: 'idle' };
      state.record = null;
      state.screenPop = null;
    },
    callLinked(state, action: PayloadAction<{ kind: 'appeal' | 'consultation'; id: string; at: string }>) {
      const record = state.record;
      if (!record) return;
      const key = action.payload.kind === 'appeal' ? 'appealIds' : 'consultationIds';
      if (record[key].includes(action.payload.id) || record[key].length >= 20) return;
      state.record = bump(record, action.payload.at, { [key]: [...record[key], action.payload.id] });
    },
    screenPopStarted(state, action: PayloadAction<{ callId: string; phone: string | null }>) {
      state.screenPop = {
        ...action.payload,
        status: action.payload.phone ? 'loading' : 'idle',
        appeals: [],
        consultations: [],
        buildingAppeals: [],
        buildingAddress: null,
      };
    },
    screenPopLoaded(
      state,
      action: PayloadAction<
        Pick<ScreenPop, 'callId' | 'appeals' | 'consultations' | 'buildingAppeals' | 'buildingAddress'>
      >,
    ) {
      if (state.screenPop?.callId !== action.payload.callId) return;
      state.screenPop = { ...state.screenPop, ...action.payload, status: 'loaded' };
    },
    screenPopFailed(state, action: PayloadAction<{ callId: string }>) {
      if (state.screenPop?.callId === action.payload.callId) state.screenPop.status = 'failed';
    },
    devicesListed(
      state,
      action: PayloadAction<{ microphones: AudioDeviceOption[]; speakers: AudioDeviceOption[] }>,
    ) {
      const { microphones, speakers } = action.payload;
      const keep = (id: string | null, list: AudioDeviceOption[]) =>
        id !== null && list.some((d) => d.id === id) ? id : null;
      state.devices = {
        status: 'listed',
        microphones,
        speakers,
        // A device unplugged since it was chosen falls back to the system default.
        microphoneId: keep(state.devices.microphoneId, microphones),
        speakerId: keep(state.devices.speakerId, speakers),
        ringerId: keep(state.devices.ringerId, speakers),
      };
    },
    devicesUnavailable(state) {
      state.devices.status = 'unavailable';
    },
    deviceChosen(
      state,
      action: PayloadAction<{ kind: 'microphoneId' | 'speakerId' | 'ringerId'; id: string | null }>,
    ) {
      state.devices[action.payload.kind] = action.payload.id;
    },
    agentStatusLoaded(state, action: PayloadAction<AgentStatus>) {
      state.agent = action.payload;
      state.agentError = null;
      state.wrapUpSeconds = action.payload.wrapUpSeconds;
    },
    agentStatusFailed(state, action: PayloadAction<string>) {
      state.agentError = action.payload;
    },
    softphoneErrorRaised(state, action: PayloadAction<SoftphoneErrorCode>) {
      state.error = action.payload;
    },
    softphoneErrorDismissed(state) {
      state.error = null;
    },
  },
});

export const {
  configLoaded,
  registrationChanged,
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
  consultDialled,
  consultEstablished,
  consultEnded,
  screenPopStarted,
  screenPopLoaded,
  screenPopFailed,
  devicesListed,
  devicesUnavailable,
  deviceChosen,
  agentStatusLoaded,
  agentStatusFailed,
  softphoneErrorRaised,
  softphoneErrorDismissed,
} = slice.actions;
export const softphoneReducer = slice.reducer;

export const selectRegistration = (s: RootState) => s.softphone.registration;
export const selectCall = (s: RootState) => s.softphone.call;
export const selectCallRecord = (s: RootState) => s.softphone.record;
export const selectConsultation = (s: RootState) => s.softphone.consult;
export const selectScreenPop = (s: RootState) => s.softphone.screenPop;
export const selectDevices = (s: RootState) => s.softphone.devices;
export const selectAgent = (s: RootState) => s.softphone.agent;
export const selectAgentError = (s: RootState) => s.softphone.agentError;
export const selectSoftphoneError = (s: RootState) => s.softphone.error;
export const selectSoftphoneConfigured = (s: RootState) => s.softphone.configured;
export const selectSipRegistered = (s: RootState) => s.softphone.registration.state === 'registered';
