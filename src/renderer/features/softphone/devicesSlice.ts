// Audio devices: what the browser lists, and the operator's choice of microphone, speaker and ringer.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { RootState } from '../../app/store';

export interface AudioDeviceOption {
  id: string;
  label: string;
}

export interface DevicesState {
  status: 'unknown' | 'listed' | 'unavailable';
  microphones: AudioDeviceOption[];
  speakers: AudioDeviceOption[];
  microphoneId: string | null;
  speakerId: string | null;
  ringerId: string | null;
}

const initialState: DevicesState = {
  status: 'unknown',
  microphones: [],
  speakers: [],
  microphoneId: null,
  speakerId: null,
  ringerId: null,
};

const slice = createSlice({
  // Every softphone slice shares the name: action types stay `softphone/<event>`.
  name: 'softphone',
  initialState,
  reducers: {
    devicesListed(
      state,
      action: PayloadAction<{ microphones: AudioDeviceOption[]; speakers: AudioDeviceOption[] }>,
    ) {
      const { microphones, speakers } = action.payload;
      const keep = (id: string | null, list: AudioDeviceOption[]) =>
        id !== null && list.some((d) => d.id === id) ? id : null;
      return {
        status: 'listed',
        microphones,
        speakers,
        // A device unplugged since it was chosen falls back to the system default.
        microphoneId: keep(state.microphoneId, microphones),
        speakerId: keep(state.speakerId, speakers),
        ringerId: keep(state.ringerId, speakers),
      };
    },
    devicesUnavailable(state) {
      state.status = 'unavailable';
    },
    deviceChosen(
      state,
      action: PayloadAction<{ kind: 'microphoneId' | 'speakerId' | 'ringerId'; id: string | null }>,
    ) {
      state[action.payload.kind] = action.payload.id;
    },
  },
});

export const { devicesListed, devicesUnavailable, deviceChosen } = slice.actions;
export const devicesReducer = slice.reducer;

export const selectDevices = (s: RootState) => s.softphone.devices;
