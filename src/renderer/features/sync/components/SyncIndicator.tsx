import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import IconButton from '@mui/material/IconButton';
import SyncOutlined from '@mui/icons-material/SyncOutlined';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import { selectAppInfo, selectLocale } from '../../../app/appSlice';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useFormat, useT } from '../../../i18n/useT';
import { requestSignOut, selectSession } from '../../auth/authSlice';
import { SignOutDialog } from '../../auth/components/SignOutDialog';
import {
  openRejections,
  rejectionsClosed,
  selectRejections,
  selectRejectionsOpen,
  selectSyncStatus,
  syncNow,
} from '../syncSlice';

function useClock() {
  const locale = useAppSelector(selectLocale);
  const timeZone = useAppSelector(selectAppInfo)?.center.timeZone;
  return (iso: string) =>
    new Intl.DateTimeFormat(locale, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
    }).format(new Date(iso));
}

/** Online / offline since hh:mm, what waits, what the server refused, and a manual sync. */
export function SyncIndicator() {
  const t = useT();
  const dispatch = useAppDispatch();
  const status = useAppSelector(selectSyncStatus);
  const session = useAppSelector(selectSession);
  const hhmm = useClock();
  if (!status?.configured) return null;
  const state = status.online
    ? t('sync.online')
    : status.offlineSince
      ? t('sync.offlineSince', { time: hhmm(status.offlineSince) })
      : t('sync.connecting');
  return (
    <Stack
      direction="row"
      spacing={1}
      // The top bar is crowded: these controls keep their width and never wrap onto two lines.
      sx={{ alignItems: 'center', flexShrink: 0, '& .MuiButton-root': { whiteSpace: 'nowrap' } }}
      data-testid="sync-state"
      data-online={status.online}
    >
      <Tooltip title={status.lastError ? t('sync.lastError', { message: status.lastError }) : ''}>
        <Chip
          role="status"
          aria-live="polite"
          size="small"
          color={status.online ? 'success' : 'warning'}
          label={status.waiting > 0 ? `${state} · ${t('sync.waiting', { count: status.waiting })}` : state}
        />
      </Tooltip>
      {status.waitingForOthers > 0 && (
        <Tooltip title={t('sync.waitingForOthersHint')}>
          <Chip
            size="small"
            variant="outlined"
            data-testid="sync-waiting-for-others"
            label={t('sync.waitingForOthers', { count: status.waitingForOthers })}
          />
        </Tooltip>
      )}
      {status.rejected > 0 && (
        <Button
          size="small"
          color="inherit"
          variant="outlined"
          onClick={() => void dispatch(openRejections())}
        >
          {t('sync.rejected', { count: status.rejected })}
        </Button>
      )}
      {/* An icon: the words ("Синхронізувати") took the room the operator's name needs at 1366 px. */}
      <Tooltip title={t('sync.now')}>
        <span>
          <IconButton
            size="small"
            color="inherit"
            aria-label={t('sync.now')}
            disabled={status.syncing}
            onClick={() => void dispatch(syncNow())}
          >
            <SyncOutlined fontSize="small" />
          </IconButton>
        </span>
      </Tooltip>
      {session?.user && (
        <Button size="small" color="inherit" onClick={() => void dispatch(requestSignOut())}>
          {t('auth.signOut')}
        </Button>
      )}
      <RejectionsDialog />
      <SignOutDialog />
    </Stack>
  );
}

function RejectionsDialog() {
  const t = useT();
  const { dateTime } = useFormat();
  const dispatch = useAppDispatch();
  const open = useAppSelector(selectRejectionsOpen);
  const items = useAppSelector(selectRejections);
  const close = () => dispatch(rejectionsClosed());
  return (
    <Dialog open={open} onClose={close} aria-labelledby="rejections-title" fullWidth>
      <DialogTitle id="rejections-title">{t('sync.rejectedTitle')}</DialogTitle>
      <DialogContent>
        <List dense>
          {items.map((r) => (
            <ListItem key={r.mutationId}>
              <ListItemText
                primary={`${r.label} — ${r.message}`}
                secondary={`${r.code} · ${dateTime(r.rejectedAt)}`}
              />
            </ListItem>
          ))}
        </List>
      </DialogContent>
      <DialogActions>
        <Button onClick={close} autoFocus>
          {t('sync.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
