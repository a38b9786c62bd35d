// What an SDP says about audio, enough to refuse a call nobody could hear: an offer without a codec
// this browser decodes (a G.729-only phone behind a PBX that does not transcode), or an answer that
// rejected the audio stream (m=audio 0, RFC 3264 section 6).

/** Static RTP payload types (RFC 3551) that need no rtpmap line. */
const STATIC_NAMES: Record<string, string> = {
  '0': 'pcmu',
  '3': 'gsm',
  '4': 'g723',
  '8': 'pcma',
  '9': 'g722',
  '18': 'g729',
};
/** Not voice: they travel beside a codec, never instead of one. */
const NOT_VOICE = new Set(['telephone-event', 'cn', 'red']);
/** What WebRTC browsers decode when they cannot tell us (RTCRtpReceiver.getCapabilities missing). */
const WEBRTC_AUDIO = ['opus', 'g722', 'pcmu', 'pcma'];

interface AudioSection {
  port: number;
  /** Lower-case encoding names of the formats on the m= line. */
  codecs: string[];
}

function audioSections(sdp: string): AudioSection[] {
  const sections: AudioSection[] = [];
  let current: { port: number; formats: string[]; names: Map<string, string> } | null = null;
  const close = () => {
    if (current)
      sections.push({
        port: current.port,
        codecs: current.formats.map((f) => current!.names.get(f) ?? STATIC_NAMES[f] ?? `pt${f}`),
      });
  };
  for (const line of sdp.split(/\r?\n/)) {
    if (line.startsWith('m=')) {
      close();
      const [media, port, , ...formats] = line.slice(2).trim().split(/\s+/);
      current = media === 'audio' ? { port: Number(port), formats, names: new Map() } : null;
    } else if (current && line.startsWith('a=rtpmap:')) {
      const match = /^a=rtpmap:(\d+)\s+([^/\s]+)/.exec(line);
      if (match?.[1] && match[2]) current.names.set(match[1], match[2].toLowerCase());
    }
  }
  close();
  return sections;
}

/** The audio codecs this browser decodes, lower-case ("opus", "pcma", ...). */
export function browserAudioCodecs(): Set<string> {
  const capabilities =
    typeof RTCRtpReceiver !== 'undefined' && typeof RTCRtpReceiver.getCapabilities === 'function'
      ? RTCRtpReceiver.getCapabilities('audio')
      : null;
  const names = capabilities?.codecs.map((c) => c.mimeType.replace(/^audio\//i, '').toLowerCase()) ?? [];
  return new Set(names.length > 0 ? names : WEBRTC_AUDIO);
}

/** True when the offer has an audio stream with at least one voice codec in `decodable`. */
export function offerHasUsableAudio(sdp: string, decodable: Set<string>): boolean {
  return audioSections(sdp).some(
    (s) => s.port !== 0 && s.codecs.some((c) => !NOT_VOICE.has(c) && decodable.has(c)),
  );
}

/** True when a negotiated description keeps an audio stream (not refused with port 0). */
export function hasActiveAudio(sdp: string | undefined): boolean {
  if (!sdp) return false;
  return audioSections(sdp).some((s) => s.port !== 0 && s.codecs.some((c) => !NOT_VOICE.has(c)));
}
