// Side effects of the softphone: the adapter's events become actions; calls drive the agent state
// (main owns the wrap-up timer), the call record is saved at ring, answer and end (main links what
// is registered during the call itself), and a ringing call pops the caller's history.
import { isAnyOf } from '@reduxjs/toolkit';
import { normalizePhone, formatPhone } from '../../../shared/domain/phone';
import type { Api } from '../../../shared/ipc/api';
import { agentCallId, type AgentStateRequest } from '../../../shared/softphone';
import type { AppDispatch, AppStartListening, RootState } from '../../app/store';
import { appealCreatedAnnounced } from '../appeals/appealsListeners';
import { loadSession, sessionAnnounced, signIn, signOut } from '../auth/authSlice';
import { consultationCreatedAnnounced } from '../consultations/consultationsSlice';
import { startIntakeForCaller } from '../intake/intakeForCaller';
import type { Softphone, SoftphoneEvent } from '../../softphone/softphone';
import { endedRecord, resultOf } from './callState';
import { loadAgentStatus, loadSoftphoneConfig, setAgentState } from './softphoneThunks';
import {
  agentStatusLoaded,
  callCleared,
  callConnecting,
  callDialled,
  callEnded,
  callEstablished,
  callHoldChanged,
  callLinked,
  callMuteChanged,
  callRang,
  callReplaced,
  configLoaded,
  consultDialled,
  consultEnded,
  consultEstablished,
  deviceChosen,
  devicesListed,
  registrationChanged,
  softphoneErrorRaised,
} from './softphoneSlice';

/** How long a call that never connected stays on the pane with its result before the pane is idle. */
export const ENDED_SHOWN_MS = 5_000;

export const callerPhoneOf = (number: string, state: RootState): string | null =>
  normalizePhone(number, state.app.info?.ruleSet === 'kz' ? 'KZ' : 'UA');

/** Turns one adapter event into the action the slice understands, stamped with the time. */
export function dispatchSoftphoneEvent(
  event: SoftphoneEvent,
  dispatch: AppDispatch,
  getState: () => RootState,
  now: () => Date = () => new Date(),
): void {
  const at = now().toISOString();
  if (routeConsultEvent(event, dispatch, getState)) return;
  switch (event.type) {
    case 'registration':
      dispatch(registrationChanged(event.registration));
      break;
    case 'incoming':
    case 'dialing': {
      const start = {
        callId: event.callId,
        sipCallId: event.sipCallId,
        remote: event.remote,
        localNumber: event.localNumber,
        at,
      };
      // A new call ends the previous call's wrap-up view; main keeps the agent state right.
      dispatch(callCleared());
      dispatch(
        event.type === 'incoming'
          ? callRang({ ...start, consultation: event.consultation })
          : callDialled(start),
      );
      break;
    }
    case 'replaced':
      dispatch(
        callReplaced({
          callId: event.callId,
          replacedCallId: event.replacedCallId,
          sipCallId: event.sipCallId,
          remote: event.remote,
          localNumber: event.localNumber,
          at,
        }),
      );
      break;
    case 'connecting':
      dispatch(callConnecting({ callId: event.callId }));
      break;
    case 'established':
      dispatch(callEstablished({ callId: event.callId, at }));
      break;
    case 'held':
      dispatch(callHoldChanged({ callId: event.callId, held: event.held }));
      break;
    case 'muted':
      dispatch(callMuteChanged({ callId: event.callId, muted: event.muted }));
      break;
    case 'ended':
      dispatch(
        callEnded({
          callId: event.callId,
          reason: event.reason,
          transferTarget: event.transferTarget,
          // Learned late (a dialog found dead after a network drop): when it really ended.
          at: event.endedAt ?? at,
        }),
      );
      break;
    case 'error':
      dispatch(softphoneErrorRaised(event.code));
      break;
    default: {
      const never: never = event;
      throw new Error(`unknown softphone event ${JSON.stringify(never)}`);
    }
  }
}

/** Events of a consultation call update the consultation, never the caller's call. */
function routeConsultEvent(event: SoftphoneEvent, dispatch: AppDispatch, getState: () => RootState): boolean {
  if (event.type === 'dialing' && event.consultFor !== null) {
    dispatch(consultDialled({ callId: event.callId, target: event.remote.number }));
    return true;
  }
  if (!('callId' in event) || getState().softphone.consult?.callId !== event.callId) return false;
  if (event.type === 'established') dispatch(consultEstablished({ callId: event.callId }));
  else if (event.type === 'ended') dispatch(consultEnded({ callId: event.callId }));
  else if (event.type === 'error') dispatch(softphoneErrorRaised(event.code));
  return true;
}

/**
 * Subscribes the store to the adapter. Main's softphone events (configChanged, agent:changed)
 * arrive through the event bridge (app/eventBridge.ts) like every other event of main.
 */
export function connectSoftphone(
  store: { dispatch: AppDispatch; getState: () => RootState },
  softphone: Softphone,
): () => void {
  return softphone.subscribe((event) => dispatchSoftphoneEvent(event, store.dispatch, store.getState));
}

/** Main linked what was registered during the call to its record: the pane's copy follows. */
function mirrorLink(
  store: { dispatch: AppDispatch; getState: () => RootState },
  kind: 'appeal' | 'consultation',
  created: { id: string; callId: string | null },
): void {
  const record = store.getState().softphone.current.record;
  if (record === null || created.callId !== record.id) return;
  store.dispatch(callLinked({ kind, id: created.id }));
}

export function addSoftphoneListeners(start: AppStartListening): void {
  start({
    actionCreator: appealCreatedAnnounced,
    effect: (action, listener) => mirrorLink(listener, 'appeal', action.payload),
  });
  start({
    actionCreator: consultationCreatedAnnounced,
    effect: (action, listener) => mirrorLink(listener, 'consultation', action.payload),
  });

  // Sign-in, sign-out and the first session load all may change the SIP credentials.
  start({
    matcher: isAnyOf(loadSession.fulfilled, sessionAnnounced, signIn.fulfilled, signOut.fulfilled),
    effect: async (_action, listener) => {
      listener.cancelActiveListeners();
      await Promise.all([listener.dispatch(loadSoftphoneConfig()), listener.dispatch(loadAgentStatus())]);
    },
  });

  // Restarting the user agent drops calls in progress, so the same credentials announced again
  // (session events repeat) change nothing; the server issues a fresh HA1 at each real change.
  let registeredKey: string | null = null;
  start({
    actionCreator: configLoaded,
    effect: async (action, listener) => {
      const { softphone } = listener.extra;
      if (action.payload.configured) {
        const key = JSON.stringify(action.payload.sip);
        if (key === registeredKey) return;
        registeredKey = key;
        await softphone.register(action.payload.sip);
      } else if (
        registeredKey !== null ||
        listener.getState().softphone.line.registration.state !== 'unconfigured'
      ) {
        registeredKey = null;
        await softphone.unregister(action.payload.reason);
      }
    },
  });

  // Main publishes sipRegistered with the agent state: tell it whenever registration flips.
  start({
    predicate: (_action, current, previous) =>
      (current.softphone.line.registration.state === 'registered') !==
      (previous.softphone.line.registration.state === 'registered'),
    effect: async (_action, listener) => {
      // In every state: a line that comes back during wrap-up must reach the server too, or the
      // agent returns to available still marked unregistered and no call is routed to it.
      const agent = listener.getState().softphone.agent.status;
      if (agent && agent.state.state !== 'offline') await listener.dispatch(setAgentState(agent.state));
    },
  });

  start({
    actionCreator: callRang,
    effect: async (action, listener) => {
      await Promise.all([
        listener.dispatch(setAgentState({ state: 'ringing', callId: agentCallId(action.payload.sipCallId) })),
        saveRecord(listener.getState, listener.extra.api),
      ]);
    },
  });

  // The replaced call's record ends now (it was answered: only a call in progress is replaced);
  // the caller who took its place pops their history like a ringing call (screenPopListeners.ts).
  start({
    actionCreator: callReplaced,
    effect: async (action, listener) => {
      const before = listener.getOriginalState().softphone;
      const { replacedCallId, at } = action.payload;
      const replaced =
        before.current.record &&
        before.current.call.phase !== 'idle' &&
        before.current.call.callId === replacedCallId
          ? endedRecord(
              before.current.record,
              at,
              resultOf('hangup_remote', true, before.current.call.direction),
            )
          : null;
      const { api } = listener.extra;
      await Promise.all([
        replaced ? api.calls.save(replaced) : Promise.resolve(),
        saveRecord(listener.getState, api),
      ]);
    },
  });

  start({
    actionCreator: callDialled,
    effect: async (action, listener) => {
      await Promise.all([
        listener.dispatch(setAgentState({ state: 'on_call', callId: agentCallId(action.payload.sipCallId) })),
        saveRecord(listener.getState, listener.extra.api),
      ]);
    },
  });

  start({
    actionCreator: callEstablished,
    effect: async (action, listener) => {
      const state = listener.getState();
      const { call, record } = state.softphone.current;
      if (call.phase !== 'active' || call.callId !== action.payload.callId) return;
      // A consultation is a colleague on the line, not a citizen: no new appeal to start.
      if (call.direction === 'inbound' && record?.kind !== 'consultation') {
        const phone = callerPhoneOf(call.remote.number, state);
        listener.dispatch(startIntakeForCaller(phone ? formatPhone(phone) : ''));
      }
      await Promise.all([
        listener.dispatch(
          setAgentState({
            state: 'on_call',
            callId: agentCallId(record?.sipCallId ?? call.callId),
          }),
        ),
        saveRecord(listener.getState, listener.extra.api),
      ]);
    },
  });

  start({
    actionCreator: callEnded,
    effect: async (_action, listener) => {
      const state = listener.getState();
      const { call, record } = state.softphone.current;
      if (call.phase !== 'ended') return;
      // Notes follow a conversation with a citizen; a call nobody answered has none, nor has a
      // consultation with a colleague, so the operator is free at once.
      const wrapUp = call.answeredAt !== null && record?.kind !== 'consultation';
      // Main sets when the wrap-up ends, from the configured length.
      const next: AgentStateRequest = wrapUp ? { state: 'wrap_up' } : { state: 'available' };
      // A consultation outliving the caller's call has nobody left to transfer: end it.
      const consult = state.softphone.consult;
      if (consult) await listener.extra.softphone.hangup(consult.callId);
      // The next caller in the queue waits for this state to reach the server: it is not held
      // back by the record's save (a failed save is retried by the next one, as elsewhere).
      await Promise.all([
        saveRecord(listener.getState, listener.extra.api),
        listener.dispatch(setAgentState(next)),
      ]);
      if (call.answeredAt !== null) {
        if (!wrapUp || state.softphone.agent.wrapUpSeconds === 0) listener.dispatch(callCleared());
        return;
      }
      // A call that never connected (refused, unanswered, no audio, the caller gave up) says so for
      // a moment, or the operator who dialled it sees the pane fall back to idle without a reason.
      // The operator is already free: a call that rings or is dialled meanwhile takes its place.
      await listener.delay(ENDED_SHOWN_MS);
      const now = listener.getState().softphone.current.call;
      if (now.phase === 'ended' && now.callId === call.callId) listener.dispatch(callCleared());
    },
  });

  // Wrap-up ends when main says the agent moved on (its timer, or the operator's choice).
  start({
    actionCreator: agentStatusLoaded,
    effect: (action, listener) => {
      const { state } = action.payload.state;
      const { call } = listener.getState().softphone.current;
      // A call that never connected keeps its result on the pane for its moment (callEnded above).
      if (call.phase === 'ended' && call.answeredAt !== null && state !== 'wrap_up')
        listener.dispatch(callCleared());
    },
  });

  start({
    matcher: isAnyOf(deviceChosen, devicesListed),
    effect: (_action, listener) => {
      const { microphoneId, speakerId } = listener.getState().softphone.devices;
      listener.extra.softphone.setDevices({ microphoneId, speakerId });
    },
  });
}

async function saveRecord(getState: () => RootState, api: Api): Promise<void> {
  const record = getState().softphone.current.record;
  if (!record) return;
  // A failed save is retried by the next step's save (the record carries everything so far).
  await api.calls.save(record);
}
