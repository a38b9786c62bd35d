// The operator's commands to the softphone. Each reads the current call from the store, so a
// keyboard shortcut and a button do exactly the same thing.
import type { AppDispatch, RootState, ThunkExtra } from '../../app/store';
import { selectCall } from './softphoneSlice';

type Command<R = void> = (dispatch: AppDispatch, getState: () => RootState, extra: ThunkExtra) => R;

export const answerCall =
  (): Command<Promise<void>> =>
  async (_d, getState, { softphone }) => {
    const call = selectCall(getState());
    if (call.phase === 'ringing') await softphone.answer(call.callId);
  };

/** Rejects a ringing call, or hangs up a call in any later phase. */
export const endCall =
  (): Command<Promise<void>> =>
  async (_d, getState, { softphone }) => {
    const call = selectCall(getState());
    if (call.phase === 'ringing') await softphone.reject(call.callId);
    else if (call.phase !== 'idle' && call.phase !== 'ended') await softphone.hangup(call.callId);
  };

export const toggleHold =
  (): Command<Promise<void>> =>
  async (_d, getState, { softphone }) => {
    const call = selectCall(getState());
    if (call.phase === 'active' || call.phase === 'held')
      await softphone.setHold(call.callId, call.phase === 'active');
  };

export const toggleMute =
  (): Command =>
  (_d, getState, { softphone }) => {
    const call = selectCall(getState());
    if (call.phase === 'active' || call.phase === 'held') softphone.setMute(call.callId, !call.muted);
  };

export const sendTone =
  (tone: string): Command<Promise<void>> =>
  async (_d, getState, { softphone }) => {
    const call = selectCall(getState());
    if (call.phase === 'active') await softphone.sendDtmf(call.callId, tone);
  };

export const transferCall =
  (target: string): Command<Promise<void>> =>
  async (_d, getState, { softphone }) => {
    const call = selectCall(getState());
    if (call.phase === 'active' || call.phase === 'held') await softphone.blindTransfer(call.callId, target);
  };

/** Attended transfer, step 1: the caller waits on hold while the operator calls the target. */
export const startConsultation =
  (target: string): Command<Promise<void>> =>
  async (_d, getState, { softphone }) => {
    const {
      current: { call },
      consult,
    } = getState().softphone;
    if ((call.phase !== 'active' && call.phase !== 'held') || consult) return;
    if (call.phase === 'active') await softphone.setHold(call.callId, true);
    await softphone.call(target, { consultFor: call.callId });
  };

/** Attended transfer, step 2: REFER with Replaces joins the caller and the target. */
export const completeAttendedTransfer =
  (): Command<Promise<void>> =>
  async (_d, getState, { softphone }) => {
    const {
      current: { call },
      consult,
    } = getState().softphone;
    if ((call.phase === 'active' || call.phase === 'held') && consult?.phase === 'active')
      await softphone.attendedTransfer(call.callId, consult.callId);
  };

/** The target declined or the operator changed their mind: back to the caller. */
export const cancelConsultation =
  (): Command<Promise<void>> =>
  async (_d, getState, { softphone }) => {
    const {
      current: { call },
      consult,
    } = getState().softphone;
    if (consult) await softphone.hangup(consult.callId);
    if (call.phase === 'held') await softphone.setHold(call.callId, false);
  };

/** Click-to-call and the dial pad; ignored while another call is going on. */
export const placeCall =
  (target: string): Command<Promise<void>> =>
  async (_d, getState, { softphone }) => {
    const phase = selectCall(getState()).phase;
    if (phase === 'idle' || phase === 'ended') await softphone.call(target);
  };

/** A transfer or dial target: an operator username or a number, nothing that could alter a SIP URI. */
export const isCallTarget = (text: string): boolean => /^[A-Za-z0-9._+*#-]{1,64}$/.test(text);

/** Turns what the operator typed or saw ("+380 44 123-45-67") into a dialable target. */
export const dialTarget = (text: string): string => text.replace(/[\s()-]/g, '');
