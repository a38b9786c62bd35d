// Sign-in state: the workstation's session as main reports it, the login form's request, and the
// question asked before signing out while some of the user's changes are not on the server yet.
import { createAction, createSelector, createSlice } from '@reduxjs/toolkit';
import type { Actor } from '../../../shared/domain/lifecycle';
import type { AuthSession, PendingChanges } from '../../../shared/ipc/contract';
import type { Role } from '../../../shared/sync/auth';
import { createAppAsyncThunk } from '../../app/createAppThunk';
import type { RootState } from '../../app/store';

/** A refused sign-in: main's English message, its code (see `signInRefusals`) and the name tried. */
export interface SignInError {
  message: string;
  code: string | null;
  username: string;
}

export interface AuthState {
  session: AuthSession | null;
  pending: boolean;
  error: SignInError | null;
  /** Set while the user is asked whether to sign out with these changes not uploaded. */
  signOutPending: PendingChanges | null;
}

const initialState: AuthState = { session: null, pending: false, error: null, signOutPending: null };

const nothingPending = (p: PendingChanges) => p.appeals + p.consultations + p.calls === 0;

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

/**
 * Sign-out as the user asks for it: at once when all their changes are on the server; otherwise
 * they are asked first, because the changes are uploaded only under their own sign-in.
 */
export const requestSignOut = createAppAsyncThunk<void>(
  'auth/requestSignOut',
  async (_: void, { extra, dispatch }) => {
    const result = await extra.api.auth.pendingChanges({});
    // The question only informs: the changes stay queued under their author either way, so a
    // failure to count them does not keep anyone signed in.
    if (result.ok && !nothingPending(result.value)) dispatch(signOutQuestioned(result.value));
    else await dispatch(signOut());
  },
);

const slice = createSlice({
  name: 'auth',
  initialState,
  reducers: {
    signOutQuestioned: (s, a: { payload: PendingChanges }) => {
      s.signOutPending = a.payload;
    },
    signOutCancelled: (s) => {
      s.signOutPending = null;
    },
  },
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
      s.error = {
        message: a.payload?.message ?? a.error.message ?? 'Sign-in failed',
        code: a.payload?.issues?.[0]?.code ?? null,
        username: a.meta.arg.username,
      };
    });
    b.addCase(signOut.fulfilled, (s, a) => {
      s.session = a.payload;
      s.signOutPending = null;
    });
  },
});

export const authReducer = slice.reducer;
export const { signOutQuestioned, signOutCancelled } = slice.actions;
export const selectSignOutPending = (s: RootState) => s.auth.signOutPending;
export const selectSession = (s: RootState) => s.auth.session;
export const selectAuthPending = (s: RootState) => s.auth.pending;
export const selectAuthError = (s: RootState) => s.auth.error;
/** The login screen shows only when a server is configured and nobody is signed in. */
export const selectNeedsSignIn = (s: RootState) =>
  s.auth.session !== null && s.auth.session.serverConfigured && s.auth.session.user === null;
/**
 * Who works at this screen: the signed-in account when there is a server (nobody while signed out,
 * whoever signed in last), the configured operator when the workstation works alone.
 */
export const selectOperatorName = (s: RootState): string | null => {
  const session = s.auth.session;
  if (session === null) return null;
  return session.serverConfigured ? (session.user?.name ?? null) : (s.app.info?.operatorName ?? null);
};
/** Why calls cannot reach this operator now, or null when they can (signed in to a server). */
export const selectOffDuty = (s: RootState): 'noServer' | 'signedOut' | null => {
  const session = s.auth.session;
  if (session !== null && !session.serverConfigured) return 'noServer';
  return session?.user ? null : 'signedOut';
};

/**
 * The role the screens are built for: the signed-in account's with a server; a workstation that
 * works alone is an operator's (it registers appeals and nothing routes them further). Null while
 * the session is not known yet or nobody is signed in.
 */
export const selectRole = (s: RootState): Role | null => {
  const session = s.auth.session;
  if (session === null) return null;
  return session.serverConfigured ? (session.user?.role ?? null) : 'operator';
};

/** Who acts on an appeal from this screen: the role and, for an executor account, its organisation. */
export const selectActor = createSelector(
  [selectRole, (s: RootState) => s.auth.session?.user?.organisationId ?? null],
  (role, organisationId): Actor | null => (role === null ? null : { role, organisationId }),
);

/** The user whose screens are shown: a new one starts on their role's home screen. */
export const selectUserKey = (s: RootState): string | null => {
  const session = s.auth.session;
  if (session === null) return null;
  return session.serverConfigured ? (session.user?.id ?? null) : 'local';
};
