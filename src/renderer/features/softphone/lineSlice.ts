// The phone line: whether main issued SIP credentials, the registration the adapter reports, and
// the last error the adapter raised (cleared when a new call starts).
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { SoftphoneConfig } from '../../../shared/softphone';
import type { RootState } from '../../app/store';
import type { RegistrationState, SoftphoneErrorCode } from '../../softphone/softphone';
import { callDialled, callRang, callReplaced } from './callSlice';

export interface LineState {
  configured: boolean;
  registration: RegistrationState;
  error: SoftphoneErrorCode | null;
}

const initialState: LineState = {
  configured: false,
  registration: { state: 'unconfigured', reason: null },
  error: null,
};

const slice = createSlice({
  // Every softphone slice shares the name: action types stay `softphone/<event>`.
  name: 'softphone',
  initialState,
  reducers: {
    configLoaded(state, action: PayloadAction<SoftphoneConfig>) {
      state.configured = action.payload.configured;
      if (!action.payload.configured)
        state.registration = { state: 'unconfigured', reason: action.payload.reason };
    },
    registrationChanged(state, action: PayloadAction<RegistrationState>) {
      state.registration = action.payload;
    },
    softphoneErrorRaised(state, action: PayloadAction<SoftphoneErrorCode>) {
      state.error = action.payload;
    },
    softphoneErrorDismissed(state) {
      state.error = null;
    },
  },
  extraReducers: (builder) => {
    builder.addMatcher(
      (action) => callRang.match(action) || callDialled.match(action) || callReplaced.match(action),
      (state) => {
        state.error = null;
      },
    );
  },
});

export const { configLoaded, registrationChanged, softphoneErrorRaised, softphoneErrorDismissed } =
  slice.actions;
export const lineReducer = slice.reducer;

export const selectRegistration = (s: RootState) => s.softphone.line.registration;
export const selectSoftphoneError = (s: RootState) => s.softphone.line.error;
export const selectSoftphoneConfigured = (s: RootState) => s.softphone.line.configured;
export const selectSipRegistered = (s: RootState) => s.softphone.line.registration.state === 'registered';
