// The softphone as the rest of the renderer sees it: plain commands and serialisable events. The
// SIP.js implementation and the test fake both satisfy it, so UI tests never need a PBX.
import type { SipCredentials } from '../../shared/softphone';

export type RegistrationState =
  | { state: 'unconfigured'; reason: string | null }
  | { state: 'connecting' }
  | { state: 'registered' }
  /** The WebSocket dropped or the network went away; `attempt` counts reconnection tries. */
  | { state: 'reconnecting'; attempt: number; nextTryAt: string | null }
  | { state: 'failed'; reason: string };

/** What the far end told us about itself; kept as given, the UI decides how to show it. */
export interface RemoteParty {
  number: string;
  name: string | null;
}

export type EndReason =
  | 'hangup_local'
  | 'hangup_remote'
  /** Inbound: the caller gave up (CANCEL) before the operator answered. */
  | 'cancelled'
  | 'rejected'
  | 'busy'
  | 'failed'
  | 'transferred';

export type SoftphoneEvent =
  | { type: 'registration'; registration: RegistrationState }
  | {
      type: 'incoming';
      callId: string;
      sipCallId: string;
      remote: RemoteParty;
      localNumber: string;
      /** Another operator consulting this one before an attended transfer: not a citizen's call. */
      consultation: boolean;
    }
  /**
   * `replacedCallId` was replaced by `callId` (an INVITE with Replaces, RFC 3891): the citizen of an
   * attended transfer takes the place of the consultation with the transferring operator. The new
   * call is being answered; `established` follows. The replaced call ends without an event of its own.
   */
  | {
      type: 'replaced';
      replacedCallId: string;
      callId: string;
      sipCallId: string;
      remote: RemoteParty;
      localNumber: string;
    }
  | {
      type: 'dialing';
      callId: string;
      sipCallId: string;
      remote: RemoteParty;
      localNumber: string;
      /** Set for a consultation call placed to prepare an attended transfer of that call. */
      consultFor: string | null;
    }
  | { type: 'connecting'; callId: string }
  | { type: 'established'; callId: string }
  | { type: 'held'; callId: string; held: boolean }
  | { type: 'muted'; callId: string; muted: boolean }
  | {
      type: 'ended';
      callId: string;
      reason: EndReason;
      transferTarget: string | null;
      /** Set when the end was learned late (a dead dialog found after a network drop): when it really ended. */
      endedAt?: string;
    }
  | { type: 'error'; callId: string | null; code: SoftphoneErrorCode };

export type SoftphoneErrorCode =
  | 'no_microphone'
  | 'microphone_denied'
  | 'not_registered'
  | 'no_such_call'
  | 'hold_failed'
  | 'transfer_failed'
  | 'dtmf_failed'
  | 'invalid_target';

export interface AudioDevices {
  microphoneId: string | null;
  speakerId: string | null;
}

/** A summary of `RTCPeerConnection.getStats()` for the e2e tests and the call-quality hint. */
export interface CallStatsSummary {
  dtlsState: string | null;
  packetsReceived: number;
  totalAudioEnergy: number;
}

export interface Softphone {
  /** Starts (or restarts with new credentials) the user agent and registers. */
  register(credentials: SipCredentials): Promise<void>;
  /** Unregisters and stops; the state becomes `unconfigured`. */
  unregister(reason: string | null): Promise<void>;
  /** Places a call; resolves with our call id, or null when it could not start (an `error` event says why). */
  call(target: string, options?: { consultFor?: string }): Promise<string | null>;
  answer(callId: string): Promise<void>;
  reject(callId: string): Promise<void>;
  hangup(callId: string): Promise<void>;
  setHold(callId: string, hold: boolean): Promise<void>;
  setMute(callId: string, mute: boolean): void;
  sendDtmf(callId: string, tone: string): Promise<void>;
  blindTransfer(callId: string, target: string): Promise<void>;
  /** Transfers `callId` to the party of `consultCallId` (REFER with Replaces). */
  attendedTransfer(callId: string, consultCallId: string): Promise<void>;
  setDevices(devices: AudioDevices): void;
  stats(callId: string): Promise<CallStatsSummary | null>;
  subscribe(listener: (event: SoftphoneEvent) => void): () => void;
}

export const DTMF_TONES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
export const isDtmfTone = (tone: string): boolean => (DTMF_TONES as readonly string[]).includes(tone);
