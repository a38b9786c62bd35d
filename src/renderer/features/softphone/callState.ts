// The call as Redux holds it: serialisable, one phase at a time. SIP.js sessions live in
// src/renderer/softphone; this is what the pane shows and what the call record is built from.
import { cleanCallerText } from '../../../shared/softphone/calls';
import type { CallDirection, CallKind, CallReport, CallResult } from '../../../shared/softphone';
import type { EndReason, RemoteParty } from '../../softphone/softphone';

interface CallBase {
  callId: string;
  direction: CallDirection;
  remote: RemoteParty;
  ringAt: string;
}

export type CallState =
  | { phase: 'idle' }
  | (CallBase & { phase: 'ringing'; direction: 'inbound' })
  | (CallBase & { phase: 'dialing'; direction: 'outbound' })
  | (CallBase & { phase: 'connecting' })
  | (CallBase & { phase: 'active'; answeredAt: string; muted: boolean })
  | (CallBase & { phase: 'held'; answeredAt: string; muted: boolean })
  | (CallBase & { phase: 'ended'; answeredAt: string | null; endedAt: string; result: CallResult });

export type CallPhase = CallState['phase'];

/** How the adapter's end reason reads as the record's result. */
export function resultOf(reason: EndReason, answered: boolean, direction: CallDirection): CallResult {
  switch (reason) {
    case 'transferred':
      return 'transferred';
    case 'rejected':
      return 'rejected';
    case 'busy':
      return 'busy';
    case 'failed':
      return answered ? 'answered' : 'failed';
    case 'cancelled':
      return 'missed';
    case 'hangup_local':
    case 'hangup_remote':
      if (answered) return 'answered';
      // Inbound hung up before answer by the operator is a decline; outbound, nobody picked up.
      return direction === 'inbound' && reason === 'hangup_local' ? 'rejected' : 'missed';
    default: {
      const never: never = reason;
      throw new Error(`unknown end reason ${String(never)}`);
    }
  }
}

/** The record of a call that ended at `at`. */
export function endedRecord(record: CallReport, at: string, result: CallResult): CallReport {
  return { ...record, endedAt: at, result };
}

/** Strips what CallRecord refuses (control, direction and zero-width characters) and bounds the length. */
export function printable(text: string, max: number): string {
  return cleanCallerText(text, max);
}

export function newCallRecord(input: {
  callId: string;
  sipCallId: string;
  direction: CallDirection;
  localNumber: string;
  remote: RemoteParty;
  at: string;
  kind?: CallKind;
}): CallReport {
  return {
    id: input.callId,
    sipCallId: printable(input.sipCallId, 256) || input.callId,
    direction: input.direction,
    localNumber: printable(input.localNumber, 64),
    remoteNumber: printable(input.remote.number, 64),
    remoteName: input.remote.name === null ? null : printable(input.remote.name, 128),
    ringAt: input.at,
    answeredAt: null,
    endedAt: null,
    result: null,
    transferTarget: null,
    appealIds: [],
    consultationIds: [],
    kind: input.kind ?? 'citizen',
  };
}
