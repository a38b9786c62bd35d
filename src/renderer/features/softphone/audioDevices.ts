import type { AudioDeviceOption } from './softphoneSlice';

export type DeviceList = { microphones: AudioDeviceOption[]; speakers: AudioDeviceOption[] } | null;

/** Microphones and outputs; null where the browser cannot list devices at all. */
export async function listAudioDevices(): Promise<DeviceList> {
  const media = navigator.mediaDevices as MediaDevices | undefined;
  if (!media?.enumerateDevices) return null;
  try {
    const devices = await media.enumerateDevices();
    const pick = (kind: MediaDeviceKind) =>
      devices
        // "default"/"communications" are aliases of real devices; the null choice means default.
        .filter(
          (d) => d.kind === kind && d.deviceId && d.deviceId !== 'default' && d.deviceId !== 'communications',
        )
        .map((d, i) => ({ id: d.deviceId, label: d.label || `${kind} ${i + 1}` }));
    return { microphones: pick('audioinput'), speakers: pick('audiooutput') };
  } catch {
    return null;
  }
}
