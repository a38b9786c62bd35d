// The ringtone is generated (no audio file to ship or license): a two-tone burst pattern from Web
// Audio, routed through a MediaStreamDestination into an <audio> element so it can play on the
// ringer device (setSinkId), separate from the headset the conversation uses.

type SinkAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

export interface Ringtone {
  stop(): void;
}

/** Starts ringing; returns null where Web Audio is missing (the visual alert still shows). */
export function startRingtone(ringerId: string | null): Ringtone | null {
  const Context = window.AudioContext as typeof AudioContext | undefined;
  if (!Context) return null;
  const ctx = new Context();
  const gain = ctx.createGain();
  gain.gain.value = 0;
  const destination = ctx.createMediaStreamDestination();
  gain.connect(destination);
  for (const frequency of [440, 480]) {
    const osc = ctx.createOscillator();
    osc.frequency.value = frequency;
    osc.connect(gain);
    osc.start();
  }
  // 1 s on, 2 s off, like a national ringing cadence; scheduled ahead for two minutes.
  const t0 = ctx.currentTime;
  for (let i = 0; i < 40; i += 1) {
    gain.gain.setValueAtTime(0.15, t0 + i * 3);
    gain.gain.setValueAtTime(0, t0 + i * 3 + 1);
  }
  const audio = document.createElement('audio') as SinkAudio;
  audio.srcObject = destination.stream;
  const play = () => void audio.play().catch(() => undefined);
  if (ringerId && audio.setSinkId)
    void audio
      .setSinkId(ringerId)
      .catch(() => undefined)
      .then(play);
  else play();
  return {
    stop() {
      audio.pause();
      audio.srcObject = null;
      void ctx.close().catch(() => undefined);
    },
  };
}
