// Sign-in state: the workstation's session as main reports it, and the login form's request.
import { createAction, createSlice } from '@reduxjs/toolkit';
import type { AuthSession } from '../../../shared/ipc/contract';
import { createAppAsyncThunk } from '../../app/createAppThunk';
import type { RootState } from '../../app/store';

export interface AuthState {
  session: AuthSession | null;
  pending: boolean;
  error: string | null;
}

const initialState: AuthState = { session: null, pending: false, error: null };

export const sessionAnnounced = createAction<AuthSession>('auth/sessionAnnounced');

export const loadSession = createAppAsyncThunk<AuthSession>(
  'auth/load',
  async (_: void, { extra, rejectWithValue }) => {
    const result = await extra.api.auth.session({});
    return result.ok ? result.value : rejectWithValue(result.error);
  },
);

export const signIn = createAppAsyncThunk<AuthSession, { username: string; password: string }>(
  'auth/signIn',
  async (input, { extra, rejectWithValue }) => {
    const result = await extra.api.auth.login(input);
    return result.ok ? result.value : rejectWithValue(result.error);
  },
);

export const signOut = createAppAsyncThunk<AuthSession>(
  'auth/signOut',
  async (_: void, { extra, rejectWithValue }) => {
    const result = await extra.api.auth.logout({});
    return result.ok ? result.value : rejectWithValue(result.error);
  },
);

const slice = createSlice({
  name: 'auth',
  initialState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(sessionAnnounced, (s, a) => {
      s.session = a.payload;
    });
    b.addCase(loadSession.fulfilled, (s, a) => {
      s.session = a.payload;
    });
    b.addCase(signIn.pending, (s) => {
      s.pending = true;
      s.error = null;
    });
    b.addCase(signIn.fulfilled, (s, a) => {
      s.pending = false;
      s.session = a.payload;
    });
    b.addCase(signIn.rejected, (s, a) => {
      s.pending = false;
      s.error = a.payload?.message ?? a.error.message ?? 'Sign-in failed';
    });
    b.addCase(signOut.fulfilled, (s, a) => {
      s.session = a.payload;
    });
  },
});

export const authReducer = slice.reducer;
export const selectSession = (s: RootState) => s.auth.session;
export const selectAuthPending = (s: RootState) => s.auth.pending;
export const selectAuthError = (s: RootState) => s.auth.error;
/** The login screen shows only when a server is configured and nobody is signed in. */
export const selectNeedsSignIn = (s: RootState) =>
  s.auth.session !== null && s.auth.session.serverConfigured && s.auth.session.user === null;
