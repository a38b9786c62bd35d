// A scriptable `Softphone` for UI tests only: records commands and lets a test play the PBX's part.
import type { SipCredentials } from '../../../shared/softphone';
import type {
  AudioDevices,
  CallStatsSummary,
  EndReason,
  RemoteParty,
  Softphone,
  SoftphoneEvent,
} from '../softphone';

export interface FakeSoftphone extends Softphone {
  commands: { name: string; args: unknown[] }[];
  commandNames(): string[];
  registeredWith: SipCredentials | null;
  /** The PBX's side: what a real user agent would report. */
  emit(event: SoftphoneEvent): void;
  ring(callId: string, remote: RemoteParty, sipCallId?: string): void;
  /** The far end hung up (or cancelled before the answer). */
  remoteEnded(callId: string, reason: EndReason): void;
}

export function createFakeSoftphone(options: { answerFails?: boolean } = {}): FakeSoftphone {
  const listeners = new Set<(event: SoftphoneEvent) => void>();
  const commands: { name: string; args: unknown[] }[] = [];
  let seq = 0;
  const consultTargets = new Map<string, string>();
  const emit = (event: SoftphoneEvent) => {
    for (const l of listeners) l(event);
  };
  const record = (name: string, ...args: unknown[]) => commands.push({ name, args });
  const fake: FakeSoftphone = {
    commands,
    commandNames: () => commands.map((c) => c.name),
    registeredWith: null,
    emit,
    ring(callId, remote, sipCallId = `sip-${callId}`) {
      emit({ type: 'incoming', callId, sipCallId, remote, localNumber: '1551', consultation: false });
    },
    remoteEnded(callId, reason) {
      emit({ type: 'ended', callId, reason, transferTarget: null });
    },
    async register(credentials: SipCredentials) {
      record('register', credentials.username);
      fake.registeredWith = credentials;
      emit({ type: 'registration', registration: { state: 'connecting' } });
    },
    async unregister(reason) {
      record('unregister', reason);
      emit({ type: 'registration', registration: { state: 'unconfigured', reason } });
    },
    async call(target, callOptions = {}) {
      record('call', target, ...(callOptions.consultFor ? [callOptions.consultFor] : []));
      seq += 1;
      const callId = `0195f000-0000-7000-8000-${String(seq).padStart(12, '0')}`;
      if (callOptions.consultFor) consultTargets.set(callId, target);
      emit({
        type: 'dialing',
        callId,
        sipCallId: `out-${seq}`,
        remote: { number: target, name: null },
        localNumber: 'op1',
        consultFor: callOptions.consultFor ?? null,
      });
      return callId;
    },
    async answer(callId) {
      record('answer', callId);
      if (options.answerFails) {
        emit({ type: 'error', callId, code: 'no_microphone' });
        return;
      }
      emit({ type: 'connecting', callId });
      emit({ type: 'established', callId });
    },
    async reject(callId) {
      record('reject', callId);
      emit({ type: 'ended', callId, reason: 'rejected', transferTarget: null });
    },
    async hangup(callId) {
      record('hangup', callId);
      emit({ type: 'ended', callId, reason: 'hangup_local', transferTarget: null });
    },
    async setHold(callId, hold) {
      record('setHold', callId, hold);
      emit({ type: 'held', callId, held: hold });
    },
    setMute(callId, mute) {
      record('setMute', callId, mute);
      emit({ type: 'muted', callId, muted: mute });
    },
    async sendDtmf(callId, tone) {
      record('sendDtmf', callId, tone);
    },
    async blindTransfer(callId, target) {
      record('blindTransfer', callId, target);
      emit({ type: 'ended', callId, reason: 'transferred', transferTarget: target });
    },
    async attendedTransfer(callId, consultCallId) {
      record('attendedTransfer', callId, consultCallId);
      const target = consultTargets.get(consultCallId) ?? null;
      // The transferee reports success; the target's INVITE with Replaces ends our consult leg.
      emit({ type: 'ended', callId, reason: 'transferred', transferTarget: target });
      emit({ type: 'ended', callId: consultCallId, reason: 'hangup_remote', transferTarget: null });
    },
    setDevices(devices: AudioDevices) {
      record('setDevices', devices);
    },
    async stats(): Promise<CallStatsSummary | null> {
      return null;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return fake;
}
