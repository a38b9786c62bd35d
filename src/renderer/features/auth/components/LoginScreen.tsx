import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import type { AuthSession, SignInRefusal } from '../../../../shared/ipc/contract';
import type { MessageKey } from '../../../i18n/dictionary';
import type { Translate } from '../../../i18n/translate';
import { selectAuthError, selectAuthPending, selectSession, signIn, type SignInError } from '../authSlice';

const REFUSALS: Record<SignInRefusal | 'rate_limited', MessageKey> = {
  wrong_credentials: 'auth.error.wrongCredentials',
  offline_wrong_password: 'auth.error.offlineWrongPassword',
  offline_never_signed_in: 'auth.error.offlineNever',
  rate_limited: 'auth.error.rateLimited',
};
const NOTICES: Record<NonNullable<AuthSession['messageCode']>, MessageKey> = {
  offline_sign_in: 'auth.notice.offline',
  session_ended: 'auth.notice.ended',
};

/** Main's messages are English: known refusals and notices are said by code in the operator's language. */
function errorText(t: Translate, error: SignInError): string {
  const key =
    error.code !== null && error.code in REFUSALS ? REFUSALS[error.code as keyof typeof REFUSALS] : null;
  return key ? t(key, { username: error.username }) : error.message;
}

/** Keyboard first: the username has focus, Enter signs in, errors are announced. */
export function LoginScreen() {
  const t = useT();
  const dispatch = useAppDispatch();
  const pending = useAppSelector(selectAuthPending);
  const error = useAppSelector(selectAuthError);
  const session = useAppSelector(selectSession);
  const notice = session?.messageCode ? t(NOTICES[session.messageCode]) : (session?.message ?? null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (username.trim() === '' || password === '') return;
    void dispatch(signIn({ username: username.trim(), password }));
  };

  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', p: 6 }}>
      <Paper
        component="form"
        aria-label={t('auth.title')}
        onSubmit={submit}
        sx={{ p: 4, width: 380, display: 'flex', flexDirection: 'column', gap: 2 }}
      >
        <Typography variant="h6" component="h2">
          {t('auth.title')}
        </Typography>
        {notice && !error && <Alert severity="info">{notice}</Alert>}
        {error && (
          <Alert severity="error" role="alert">
            {errorText(t, error)}
          </Alert>
        )}
        <TextField
          label={t('auth.username')}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoFocus
          autoComplete="username"
          required
        />
        <TextField
          label={t('auth.password')}
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          required
        />
        <Button type="submit" variant="contained" disabled={pending}>
          {pending ? t('auth.signingIn') : t('auth.signIn')}
        </Button>
      </Paper>
    </Box>
  );
}
