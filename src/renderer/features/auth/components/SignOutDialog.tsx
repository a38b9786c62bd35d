import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import type { MessageKey } from '../../../i18n/dictionary';
import { useT } from '../../../i18n/useT';
import { selectSignOutPending, signOut, signOutCancelled } from '../authSlice';

const KINDS: ['appeals' | 'consultations' | 'calls', MessageKey][] = [
  ['appeals', 'auth.pendingAppeals'],
  ['consultations', 'auth.pendingConsultations'],
  ['calls', 'auth.pendingCalls'],
];

/** Asked before signing out while some of the user's changes are not on the server yet. */
export function SignOutDialog() {
  const t = useT();
  const dispatch = useAppDispatch();
  const pending = useAppSelector(selectSignOutPending);
  const stay = () => dispatch(signOutCancelled());
  return (
    <Dialog open={pending !== null} onClose={stay} aria-labelledby="sign-out-title" fullWidth maxWidth="xs">
      <DialogTitle id="sign-out-title">{t('auth.signOutTitle')}</DialogTitle>
      <DialogContent>
        <List dense aria-label={t('auth.notUploaded')}>
          {KINDS.filter(([kind]) => (pending?.[kind] ?? 0) > 0).map(([kind, key]) => (
            <ListItem key={kind} disableGutters>
              <ListItemText primary={t(key, { count: pending?.[kind] ?? 0 })} />
            </ListItem>
          ))}
        </List>
        <DialogContentText>{t('auth.signOutKept')}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={stay} autoFocus>
          {t('auth.staySignedIn')}
        </Button>
        <Button color="warning" onClick={() => void dispatch(signOut())}>
          {t('auth.signOutAnyway')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
