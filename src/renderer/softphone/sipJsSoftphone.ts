// The SIP.js 0.21 implementation of `Softphone`. SIP.js sessions and media stay in `calls`, a
// registry keyed by our call id; only serialisable events leave this module.
import {
  Invitation,
  Inviter,
  Registerer,
  RegistererState,
  SIPExtension,
  SessionState,
  URI,
  UserAgent,
  type Referral,
  type Session,
  type Web,
} from 'sip.js';
import { uuidv7 } from '../../shared/domain';
import type { SipCredentials } from '../../shared/softphone';
import { RemoteAudio, audioConstraints, lastAudioAt, setTracksEnabled, summariseStats } from './callMedia';
import { Reconnector } from './reconnect';
import { browserAudioCodecs, hasActiveAudio, offerHasUsableAudio } from './sdpAudio';
import type {
  AudioDevices,
  CallStatsSummary,
  EndReason,
  RegistrationState,
  Softphone,
  SoftphoneErrorCode,
  SoftphoneEvent,
} from './softphone';
import { isDtmfTone } from './softphone';

/** Registration lifetime asked of the PBX; SIP.js refreshes before it runs out. */
const REGISTER_EXPIRES_S = 300;
/** A target the operator typed: an operator username or a number, nothing that could alter the URI. */
const TARGET = /^[A-Za-z0-9._+*#-]{1,64}$/;
/**
 * Answers to a re-INVITE that mean the dialog is gone (RFC 5057 section 5.1, and 481/408 for the
 * usage): the far end hung up while we could not hear it, or the PBX cannot reach it any more.
 */
const DIALOG_GONE = new Set([404, 408, 410, 416, 481, 482, 483, 484, 485, 502, 604]);
/**
 * Marks the INVITE of a consultation: an operator calling another to prepare an attended transfer.
 * The consulted operator records that leg as a consultation, not a citizen's call, with no wrap-up.
 * The PBX removes the header from everything that does not come from an authenticated operator.
 */
export const CONSULTATION_HEADER = 'X-Hotline-Consultation';

/** A URI that prints bracketed: one with headers (`?Replaces=`) must be a name-addr in Refer-To (RFC 3261 20). */
class NameAddrUri extends URI {
  override toString(): string {
    return `<${super.toString()}>`;
  }
}

interface CallEntry {
  session: Session;
  inbound: boolean;
  remoteNumber: string;
  audio: RemoteAudio | null;
  /** Set by our own action before SIP.js reports the end, so the reason is ours, not guessed. */
  endReason: EndReason | null;
  transferTarget: string | null;
  rejectStatus: number | null;
  established: boolean;
  /** When the call really ended, if we learned of it late (see `probeDialog`). */
  endedAt: string | null;
}

type Sdh = Web.SessionDescriptionHandler;
const sdhOf = (session: Session) => session.sessionDescriptionHandler as Sdh | undefined;

/** An incoming INVITE's offer has audio we can decode (or no offer yet: we will make one). */
function offerAcceptable(invitation: Invitation): boolean {
  const type = invitation.request.getHeader('Content-Type') ?? '';
  const sdp = invitation.body;
  if (!sdp || !/application\/sdp/i.test(type)) return true;
  return offerHasUsableAudio(sdp, browserAudioCodecs());
}

/** Refuses a description that lost the audio stream (SIP.js then answers a re-INVITE 488). */
const keepAudio = (description: RTCSessionDescriptionInit): Promise<RTCSessionDescriptionInit> =>
  hasActiveAudio(description.sdp)
    ? Promise.resolve(description)
    : Promise.reject(new Error('the description refuses the audio stream'));

/** Both descriptions of an established call keep an audio stream (unknown when there is no peer connection). */
function carriesAudio(session: Session): boolean {
  const pc = sdhOf(session)?.peerConnection;
  if (!pc) return true;
  return hasActiveAudio(pc.currentLocalDescription?.sdp) && hasActiveAudio(pc.currentRemoteDescription?.sdp);
}

export class SipJsSoftphone implements Softphone {
  private ua: UserAgent | null = null;
  private registerer: Registerer | null = null;
  private credentials: SipCredentials | null = null;
  private reconnector: Reconnector | null = null;
  private devices: AudioDevices = { microphoneId: null, speakerId: null };
  private readonly calls = new Map<string, CallEntry>();
  private readonly listeners = new Set<(event: SoftphoneEvent) => void>();
  /** Bumped on every (re)start, so callbacks of a replaced user agent are ignored. */
  private generation = 0;

  subscribe(listener: (event: SoftphoneEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: SoftphoneEvent): void {
    for (const l of this.listeners) l(event);
  }

  private registration(registration: RegistrationState): void {
    this.emit({ type: 'registration', registration });
  }

  private error(callId: string | null, code: SoftphoneErrorCode): void {
    this.emit({ type: 'error', callId, code });
  }

  async register(credentials: SipCredentials): Promise<void> {
    await this.stop();
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    this.credentials = credentials;
    const uri = UserAgent.makeURI(`sip:${credentials.username}@${credentials.domain}`);
    if (!uri) {
      this.registration({ state: 'failed', reason: 'invalid SIP address' });
      return;
    }
    const ua = new UserAgent({
      uri,
      displayName: credentials.displayName,
      authorizationUsername: credentials.username,
      authorizationHa1: credentials.ha1,
      transportOptions: { server: credentials.wsUri, connectionTimeout: 5, keepAliveInterval: 25 },
      // Our Reconnector owns recovery; SIP.js's fixed attempts would race it.
      reconnectionAttempts: 0,
      // SIP.js logs whole messages, caller ids included: personal data stays out of the console.
      logBuiltinEnabled: false,
      userAgentString: 'Hotline workstation (SIP.js 0.21)',
      // Attended transfer: the citizen's INVITE with Replaces takes the place of our consultation.
      sipExtensionReplaces: SIPExtension.Supported,
      sessionDescriptionHandlerFactoryOptions: {
        // Never SIP.js's public STUN default: an unreachable server stalls every call's ICE.
        peerConnectionConfiguration: { iceServers: credentials.iceServers },
        iceGatheringTimeout: 2000,
      },
      delegate: {
        onDisconnect: (error) => {
          if (current() && error) this.transportLost();
        },
        onInvite: (invitation) => {
          if (current()) this.incoming(invitation);
        },
      },
    });
    this.ua = ua;
    this.registerer = new Registerer(ua, { expires: REGISTER_EXPIRES_S });
    this.registerer.stateChange.addListener((state) => {
      if (!current()) return;
      if (state === RegistererState.Registered) {
        this.reconnector?.connected();
        this.registration({ state: 'registered' });
      }
      // A refresh that failed while the transport is up: treat as lost and recover.
      if (state === RegistererState.Unregistered && ua.isConnected() && !this.reconnector?.active)
        this.transportLost();
    });
    this.reconnector = new Reconnector({
      tryConnect: () => this.reconnectOnce(generation),
      onScheduled: (attempt, at) => {
        if (current()) this.registration({ state: 'reconnecting', attempt, nextTryAt: at.toISOString() });
      },
      // The registerer may never have left Registered (SIP.js keeps its state across a transport
      // drop), so no stateChange follows: say it here.
      onConnected: () => {
        if (!current()) return;
        this.registration({ state: 'registered' });
        this.refreshDialogs();
      },
    });
    this.registration({ state: 'connecting' });
    try {
      await ua.start();
    } catch {
      if (current()) this.transportLost();
      return;
    }
    // A PBX answering 5xx or not at all is retried like a lost transport; refused credentials
    // stopped the reconnector already, so they stay "failed".
    if (current() && !(await this.registerOnce()) && current()) this.transportLost();
  }

  /** Resolves true once registered, false when the PBX refused or did not answer. */
  private registerOnce(): Promise<boolean> {
    const registerer = this.registerer;
    if (!registerer) return Promise.resolve(false);
    return new Promise((resolve) => {
      registerer
        .register({
          requestDelegate: {
            onAccept: () => resolve(true),
            onReject: (response) => {
              const { statusCode, reasonPhrase } = response.message;
              // Credentials the PBX refuses will not improve by retrying: show it and stop.
              if (statusCode === 401 || statusCode === 403 || statusCode === 404) {
                this.reconnector?.stop();
                this.registration({ state: 'failed', reason: `${statusCode} ${reasonPhrase}` });
              }
              resolve(false);
            },
          },
        })
        .catch(() => resolve(false));
    });
  }

  private transportLost(): void {
    this.reconnector?.start();
  }

  private async reconnectOnce(generation: number): Promise<boolean> {
    const ua = this.ua;
    if (!ua || generation !== this.generation) return false;
    if (!ua.isConnected()) {
      try {
        await ua.reconnect();
      } catch {
        return false;
      }
    }
    return this.registerOnce();
  }

  private async stop(): Promise<void> {
    this.generation += 1;
    this.reconnector?.stop();
    this.reconnector = null;
    for (const [callId] of this.calls) await this.hangup(callId).catch(() => undefined);
    const { registerer, ua } = this;
    this.registerer = null;
    this.ua = null;
    if (registerer?.state === RegistererState.Registered)
      await registerer.unregister().catch(() => undefined);
    await ua?.stop().catch(() => undefined);
  }

  async unregister(reason: string | null): Promise<void> {
    await this.stop();
    this.credentials = null;
    this.registration({ state: 'unconfigured', reason });
  }

  private track(callId: string, session: Session, inbound: boolean, remoteNumber: string): CallEntry {
    const entry: CallEntry = {
      session,
      inbound,
      remoteNumber,
      audio: null,
      endReason: null,
      transferTarget: null,
      rejectStatus: null,
      established: false,
      endedAt: null,
    };
    this.calls.set(callId, entry);
    // A re-INVITE whose offer we could only answer m=audio 0 (the far end switched to a codec the
    // browser lacks) is refused 488 and the call keeps its audio, instead of going silent.
    session.sessionDescriptionHandlerModifiersReInvite = [keepAudio];
    // Left alone, SIP.js follows a REFER by itself and places a call nobody tracks, under this
    // operator's account: a caller could make the workstation dial anywhere. The operator transfers;
    // nobody transfers the operator.
    session.delegate = { onRefer: (referral: Referral) => void referral.reject({ statusCode: 603 }) };
    session.stateChange.addListener((state) => {
      switch (state) {
        case SessionState.Initial:
          break;
        case SessionState.Establishing:
          this.emit({ type: 'connecting', callId });
          break;
        case SessionState.Established: {
          if (!carriesAudio(session)) {
            // Up in SIP with nothing to hear (the audio stream refused: m=audio 0): never show it
            // as connected. Hung up once SIP.js has finished establishing it.
            entry.endReason = 'failed';
            setTimeout(() => void session.bye().catch(() => undefined), 0);
            break;
          }
          entry.established = true;
          const stream = sdhOf(session)?.remoteMediaStream;
          if (stream) entry.audio = new RemoteAudio(stream, this.devices.speakerId);
          this.emit({ type: 'established', callId });
          break;
        }
        case SessionState.Terminating:
          break;
        case SessionState.Terminated:
          this.finish(callId, entry);
          break;
      }
    });
    return entry;
  }

  private finish(callId: string, entry: CallEntry): void {
    entry.audio?.dispose();
    this.calls.delete(callId);
    let reason: EndReason;
    if (entry.endReason) reason = entry.endReason;
    else if (entry.established) reason = 'hangup_remote';
    else if (entry.inbound) reason = 'cancelled';
    else if (entry.rejectStatus === 486 || entry.rejectStatus === 600 || entry.rejectStatus === 603)
      reason = 'busy';
    else reason = 'failed';
    this.emit({
      type: 'ended',
      callId,
      reason,
      transferTarget: entry.transferTarget,
      ...(entry.endedAt ? { endedAt: entry.endedAt } : {}),
    });
  }

  /**
   * After the transport came back. The far end of each call still sends its in-dialog requests
   * (the citizen's BYE) to our old connection, which is gone: Kamailio answers them "500 No error"
   * and the call would stay up here for ever. A re-INVITE from the new connection gives the far end
   * our new contact (the PBX aliases it to this connection) and proves the dialog still exists.
   */
  private refreshDialogs(): void {
    for (const [callId, entry] of this.calls)
      if (entry.session.state === SessionState.Established) void this.probeDialog(callId, entry);
  }

  private async probeDialog(callId: string, entry: CallEntry): Promise<void> {
    const status = await new Promise<number | null>((resolve) => {
      entry.session
        .invite({
          requestDelegate: {
            onAccept: () => resolve(null),
            onReject: (response) => resolve(response.message.statusCode ?? null),
          },
        })
        // Another re-INVITE under way (hold) proves the dialog just as well.
        .catch(() => resolve(null));
    });
    if (status === null || !DIALOG_GONE.has(status) || !this.calls.has(callId)) return;
    // The far end hung up while we could not hear it: the call ended when its audio stopped.
    const pc = sdhOf(entry.session)?.peerConnection;
    const lastAudio = pc ? lastAudioAt(await pc.getStats().catch(() => undefined)) : null;
    entry.endReason ??= 'hangup_remote';
    entry.endedAt = new Date(Math.min(Date.now(), lastAudio ?? Date.now())).toISOString();
    if (entry.session.state === SessionState.Established) await entry.session.bye().catch(() => undefined);
  }

  private incoming(invitation: Invitation): void {
    // An offer without a codec this browser decodes would be answered m=audio 0: a call that rings
    // and "connects" with no audio. 488 lets the PBX say so to the caller (RFC 3261 21.4.26).
    if (!offerAcceptable(invitation)) {
      void invitation.reject({ statusCode: 488 }).catch(() => undefined);
      return;
    }
    // An INVITE with Replaces (RFC 3891) matched one of our dialogs: the citizen of an attended
    // transfer taking the place of the transferring operator's consultation. Anything else while
    // busy goes back to the PBX to route elsewhere: one conversation at a time.
    const replaced = invitation.replacee ? this.callIdOf(invitation.replacee) : null;
    if (invitation.replacee && replaced === null) {
      void invitation.reject({ statusCode: 481 }).catch(() => undefined);
      return;
    }
    if (replaced === null && this.calls.size > 0) {
      void invitation.reject({ statusCode: 486 }).catch(() => undefined);
      return;
    }
    const callId = uuidv7();
    const number = invitation.remoteIdentity.uri.user ?? '';
    this.track(callId, invitation, true, number);
    const call = {
      callId,
      sipCallId: invitation.request.callId,
      remote: { number, name: invitation.remoteIdentity.displayName || null },
      // The number the citizen dialled (the hotline, or this operator's extension): the To header.
      // The request URI names this phone's random contact user after the PBX's location lookup.
      localNumber: invitation.request.to.uri.user ?? invitation.request.ruri?.user ?? '',
    };
    if (replaced !== null) {
      // Answered at once: the operator already agreed to take the caller. Once it is established
      // SIP.js hangs up the replaced consultation; its end is covered by this event.
      this.emit({ type: 'replaced', replacedCallId: replaced, ...call });
      void this.answer(callId);
      return;
    }
    this.emit({ type: 'incoming', ...call, consultation: invitation.request.hasHeader(CONSULTATION_HEADER) });
  }

  private callIdOf(session: Session): string | null {
    for (const [callId, entry] of this.calls) if (entry.session === session) return callId;
    return null;
  }

  private targetUri(target: string) {
    if (!this.credentials || !TARGET.test(target)) return undefined;
    return UserAgent.makeURI(`sip:${target}@${this.credentials.domain}`);
  }

  private isRegistered(): boolean {
    return this.registerer?.state === RegistererState.Registered;
  }

  async call(target: string, options: { consultFor?: string } = {}): Promise<string | null> {
    const ua = this.ua;
    if (!ua || !this.credentials || !this.isRegistered()) {
      this.error(null, 'not_registered');
      return null;
    }
    const uri = this.targetUri(target);
    if (!uri) {
      this.error(null, 'invalid_target');
      return null;
    }
    const inviter = new Inviter(ua, uri, {
      sessionDescriptionHandlerOptions: { constraints: audioConstraints(this.devices.microphoneId) },
      extraHeaders: options.consultFor ? [`${CONSULTATION_HEADER}: attended-transfer`] : [],
    });
    const callId = uuidv7();
    const entry = this.track(callId, inviter, false, target);
    this.emit({
      type: 'dialing',
      callId,
      sipCallId: inviter.request.callId,
      remote: { number: target, name: null },
      localNumber: this.credentials.username,
      consultFor: options.consultFor ?? null,
    });
    try {
      await inviter.invite({
        requestDelegate: {
          onReject: (response) => {
            entry.rejectStatus = response.message.statusCode ?? null;
          },
        },
      });
    } catch (e) {
      this.mediaError(callId, e);
    }
    return callId;
  }

  private mediaError(callId: string, e: unknown): void {
    const name = e instanceof Error || e instanceof DOMException ? e.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError') this.error(callId, 'microphone_denied');
    else if (name === 'NotFoundError' || name === 'OverconstrainedError') this.error(callId, 'no_microphone');
  }

  private entry(callId: string): CallEntry | undefined {
    const entry = this.calls.get(callId);
    if (!entry) this.error(callId, 'no_such_call');
    return entry;
  }

  async answer(callId: string): Promise<void> {
    const entry = this.entry(callId);
    if (!entry || !(entry.session instanceof Invitation)) return;
    try {
      await entry.session.accept({
        sessionDescriptionHandlerOptions: { constraints: audioConstraints(this.devices.microphoneId) },
      });
    } catch (e) {
      this.mediaError(callId, e);
    }
  }

  async reject(callId: string): Promise<void> {
    const entry = this.entry(callId);
    if (!entry || !(entry.session instanceof Invitation)) return;
    entry.endReason = 'rejected';
    // 486 lets the PBX route the caller to the next free operator instead of ending the call.
    await entry.session.reject({ statusCode: 486 }).catch(() => undefined);
  }

  async hangup(callId: string): Promise<void> {
    const entry = this.entry(callId);
    if (!entry) return;
    entry.endReason ??= 'hangup_local';
    const { session } = entry;
    try {
      if (session.state === SessionState.Established) await session.bye();
      else if (session instanceof Inviter) await session.cancel();
      else if (session instanceof Invitation) {
        entry.endReason = 'rejected';
        await session.reject({ statusCode: 486 });
      }
    } catch {
      // Already terminating (both sides hung up at once): the Terminated state still follows.
    }
  }

  async setHold(callId: string, hold: boolean): Promise<void> {
    const entry = this.entry(callId);
    if (!entry || entry.session.state !== SessionState.Established) return;
    const { session } = entry;
    // SIP.js's web handler reads `hold` from these options (sets a=sendonly/inactive).
    const reInvite: Web.SessionDescriptionHandlerOptions = { hold };
    session.sessionDescriptionHandlerOptionsReInvite = reInvite;
    await new Promise<void>((resolve) => {
      session
        .invite({
          requestDelegate: {
            onAccept: () => {
              this.emit({ type: 'held', callId, held: hold });
              resolve();
            },
            onReject: () => {
              this.error(callId, 'hold_failed');
              resolve();
            },
          },
        })
        .catch(() => {
          this.error(callId, 'hold_failed');
          resolve();
        });
    });
  }

  setMute(callId: string, mute: boolean): void {
    const entry = this.entry(callId);
    if (!entry) return;
    setTracksEnabled(sdhOf(entry.session)?.localMediaStream, !mute);
    this.emit({ type: 'muted', callId, muted: mute });
  }

  async sendDtmf(callId: string, tone: string): Promise<void> {
    const entry = this.entry(callId);
    if (!entry || !isDtmfTone(tone)) return;
    // RFC 4733 in the media first; SIP INFO for PBXs or peers that did not negotiate telephone-event.
    if (sdhOf(entry.session)?.sendDtmf(tone)) return;
    try {
      await entry.session.info({
        requestOptions: {
          body: {
            contentDisposition: 'render',
            contentType: 'application/dtmf-relay',
            content: `Signal=${tone}\r\nDuration=160`,
          },
        },
      });
    } catch {
      this.error(callId, 'dtmf_failed');
    }
  }

  async blindTransfer(callId: string, target: string): Promise<void> {
    const entry = this.entry(callId);
    if (!entry) return;
    const uri = this.targetUri(target);
    if (!uri) {
      this.error(callId, 'invalid_target');
      return;
    }
    await this.refer(callId, entry, uri, target);
  }

  async attendedTransfer(callId: string, consultCallId: string): Promise<void> {
    const entry = this.entry(callId);
    const consult = this.entry(consultCallId);
    if (!entry || !consult) return;
    const dialog = consult.session.dialog;
    if (!dialog || !this.credentials || !TARGET.test(consult.remoteNumber)) {
      this.error(callId, 'transfer_failed');
      return;
    }
    // Refer-To names the consulted party's address of record, which the PBX can route, never the
    // contact of their leg: an operator's contact (sip:x@y.invalid;transport=ws;alias=...) is
    // reachable only over the WebSocket it registered on, and the PBX answered the citizen's INVITE
    // to it with 480. Replaces names the consultation as the consulted party sees it (RFC 3891).
    const replaces = `${dialog.callId};to-tag=${dialog.remoteTag};from-tag=${dialog.localTag}`;
    const referTo = new NameAddrUri(
      'sip',
      consult.remoteNumber,
      this.credentials.domain,
      undefined,
      undefined,
      {
        Replaces: [encodeURIComponent(replaces)],
      },
    );
    await this.refer(callId, entry, referTo, consult.remoteNumber, consultCallId);
  }

  /**
   * REFER, then wait for the transferee's NOTIFY (RFC 3515): a 2xx sipfrag means the new leg is
   * up and we leave with BYE; a failure leaves the caller with the operator.
   */
  private async refer(
    callId: string,
    entry: CallEntry,
    to: Parameters<Session['refer']>[0],
    target: string,
    consultCallId: string | null = null,
  ): Promise<void> {
    const failed = () => this.error(callId, 'transfer_failed');
    try {
      await entry.session.refer(to, {
        requestDelegate: { onReject: failed },
        onNotify: (notification) => {
          const body = notification.request.body ?? '';
          notification.accept().catch(() => undefined);
          const status = /SIP\/2\.0\s+(\d{3})/.exec(body)?.[1];
          if (!status || status.startsWith('1')) return;
          if (status.startsWith('2')) {
            entry.endReason = 'transferred';
            entry.transferTarget = target;
            if (entry.session.state === SessionState.Established) entry.session.bye().catch(() => undefined);
            // The target ends the consultation it replaced (RFC 3891); one that does not (a
            // gateway that took the caller as a new call) must not keep this operator on the line.
            const consult = consultCallId === null ? undefined : this.calls.get(consultCallId);
            if (consult?.session.state === SessionState.Established) {
              consult.endReason ??= 'hangup_local';
              consult.session.bye().catch(() => undefined);
            }
          } else failed();
        },
      });
    } catch {
      failed();
    }
  }

  setDevices(devices: AudioDevices): void {
    this.devices = devices;
    // The speaker switches mid-call; a new microphone applies from the next call (a mid-call
    // track swap would need a renegotiation some PBXs mishandle).
    for (const entry of this.calls.values()) void entry.audio?.setSpeaker(devices.speakerId);
  }

  async stats(callId: string): Promise<CallStatsSummary | null> {
    const entry = this.calls.get(callId);
    const pc = entry ? sdhOf(entry.session)?.peerConnection : undefined;
    if (!pc) return null;
    return summariseStats(await pc.getStats());
  }
}
