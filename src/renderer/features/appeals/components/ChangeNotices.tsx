import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { refusalDismissed, selectAppealState } from '../appealStateSlice';
import { dismissPendingChange } from '../appealStateThunks';
import { changeName, refusalText } from '../changeText';

/**
 * What became of the user's changes to this appeal: a change refused at once (with why, in the
 * user's words), changes waiting for the server, and changes the server refused, each refusal kept
 * until its user dismisses it.
 */
export function ChangeNotices({ id }: { id: string }) {
  const t = useT();
  const dispatch = useAppDispatch();
  const entry = useAppSelector((s) => selectAppealState(s, id));
  if (!entry) return null;
  const { refusal, pending } = entry;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, '&:empty': { display: 'none' } }}>
      {refusal && (
        <Alert
          severity="error"
          role="alert"
          data-testid="refusal"
          data-code={refusal.code}
          action={
            <Button color="inherit" size="small" onClick={() => dispatch(refusalDismissed(id))}>
              {t('common.dismiss')}
            </Button>
          }
        >
          <AlertTitle>{t('refusal.title', { action: changeName(t, refusal.kind) })}</AlertTitle>
          {refusalText(t, refusal.code, refusal.message)}
        </Alert>
      )}
      {pending.map((p) =>
        p.state === 'waiting' ? (
          <Alert
            key={p.mutationId}
            severity="info"
            role="status"
            data-testid="pending-change"
            data-state="waiting"
          >
            {t('pending.waiting', { action: changeName(t, p.kind) })}
          </Alert>
        ) : (
          <Alert
            key={p.mutationId}
            severity="warning"
            role="alert"
            data-testid="pending-change"
            data-state="rejected"
            action={
              <Button
                color="inherit"
                size="small"
                disabled={entry.acting === 'dismiss'}
                onClick={() => void dispatch(dismissPendingChange({ id, mutationId: p.mutationId }))}
              >
                {t('common.dismiss')}
              </Button>
            }
          >
            {t('pending.rejected', {
              action: changeName(t, p.kind),
              reason: refusalText(t, p.refusal ?? 'other', p.message),
            })}
          </Alert>
        ),
      )}
    </Box>
  );
}
