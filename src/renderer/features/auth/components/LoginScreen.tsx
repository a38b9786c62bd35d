import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { selectAuthError, selectAuthPending, selectSession, signIn } from '../authSlice';

/** Keyboard first: the username has focus, Enter signs in, errors are announced. */
export function LoginScreen() {
  const t = useT();
  const dispatch = useAppDispatch();
  const pending = useAppSelector(selectAuthPending);
  const error = useAppSelector(selectAuthError);
  const notice = useAppSelector(selectSession)?.message ?? null;
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
            {error}
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
