// Media helpers for a SIP.js session: device constraints, remote audio output on the chosen
// speaker, mute by track.enabled, and a getStats() summary.
import type { CallStatsSummary } from './softphone';

export function audioConstraints(microphoneId: string | null): MediaStreamConstraints {
  return { audio: microphoneId ? { deviceId: { exact: microphoneId } } : true, video: false };
}

type SinkAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

/** Plays a call's remote stream; one element per call, removed when the call ends. */
export class RemoteAudio {
  private readonly element: SinkAudio;

  constructor(stream: MediaStream, speakerId: string | null) {
    this.element = document.createElement('audio') as SinkAudio;
    this.element.autoplay = true;
    this.element.srcObject = stream;
    void this.setSpeaker(speakerId);
    void this.element.play().catch(() => {
      // Autoplay refusal is not fatal: the element starts once the operator interacts (answer click).
    });
  }

  async setSpeaker(speakerId: string | null): Promise<void> {
    if (!this.element.setSinkId) return;
    try {
      await this.element.setSinkId(speakerId ?? '');
    } catch {
      // The device vanished (unplugged headset): keep playing on the default output.
      await this.element.setSinkId('').catch(() => undefined);
    }
  }

  dispose(): void {
    this.element.pause();
    this.element.srcObject = null;
  }
}

export function setTracksEnabled(stream: MediaStream | undefined, enabled: boolean): void {
  for (const track of stream?.getAudioTracks() ?? []) track.enabled = enabled;
}

interface StatLike {
  type?: string;
  kind?: string;
  mediaType?: string;
  state?: string;
  dtlsState?: string;
  packetsReceived?: number;
  totalAudioEnergy?: number;
  audioLevel?: number;
  lastPacketReceivedTimestamp?: number;
}

/** DTLS state, inbound RTP packets and the audio energy heard: what "media flows" means. */
export function summariseStats(report: RTCStatsReport): CallStatsSummary {
  const summary: CallStatsSummary = { dtlsState: null, packetsReceived: 0, totalAudioEnergy: 0 };
  report.forEach((value) => {
    const stat = value as StatLike;
    if (stat.type === 'transport' && stat.dtlsState) summary.dtlsState = stat.dtlsState;
    if (stat.type === 'inbound-rtp' && (stat.kind ?? stat.mediaType) === 'audio') {
      summary.packetsReceived += stat.packetsReceived ?? 0;
      summary.totalAudioEnergy += stat.totalAudioEnergy ?? 0;
    }
  });
  return summary;
}

/**
 * When the far end's audio last arrived (epoch ms), or null before any did. WebRTC stats stamp
 * times as milliseconds since the Unix epoch; a browser that counts from the page's time origin
 * instead (small values) is read that way.
 */
export function lastAudioAt(report: RTCStatsReport | undefined): number | null {
  let last: number | null = null;
  report?.forEach((value) => {
    const stat = value as StatLike;
    const at = stat.lastPacketReceivedTimestamp;
    if (stat.type !== 'inbound-rtp' || (stat.kind ?? stat.mediaType) !== 'audio' || !at) return;
    const epochMs = at > 1e12 ? at : performance.timeOrigin + at;
    last = Math.max(last ?? 0, epochMs);
  });
  return last;
}
