import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import type { Executor } from '../../../../shared/domain';
import { useAppDispatch } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { updateExecutorContacts } from '../referenceSlice';

const LIMITS = { phone: 40, address: 300, hours: 200 } as const;
type Key = keyof typeof LIMITS;

/**
 * An admin edits how the center reaches an executor (reference:updateExecutor): the server keeps
 * it and every workstation's directory shows it after its next sync. An empty field is "not known".
 */
export function ExecutorContactsDialog({ executor, onClose }: { executor: Executor; onClose: () => void }) {
  const t = useT();
  const dispatch = useAppDispatch();
  const [values, setValues] = useState<Record<Key, string>>({
    phone: executor.phone ?? '',
    address: executor.address ?? '',
    hours: executor.hours ?? '',
  });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tooLong = (k: Key) => values[k].trim().length > LIMITS[k];
  const save = async () => {
    if ((Object.keys(LIMITS) as Key[]).some(tooLong)) return;
    setSaving(true);
    setError(null);
    const contact = (k: Key) => values[k].trim() || null;
    const result = await dispatch(
      updateExecutorContacts({
        id: executor.id,
        contacts: { phone: contact('phone'), address: contact('address'), hours: contact('hours') },
      }),
    );
    setSaving(false);
    if (updateExecutorContacts.fulfilled.match(result)) onClose();
    else setError(result.payload?.message ?? result.error.message ?? '');
  };
  const field = (k: Key, label: string) => (
    <TextField
      id={`contacts-${k}`}
      label={label}
      value={values[k]}
      onChange={(e) => setValues((v) => ({ ...v, [k]: e.target.value }))}
      error={tooLong(k)}
      helperText={tooLong(k) ? t('issue.tooLong', { field: label, max: LIMITS[k] }) : undefined}
      multiline={k !== 'phone'}
    />
  );
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="contacts-title">
      <DialogTitle id="contacts-title">{t('contacts.editTitle', { name: executor.name })}</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, pt: '8px !important' }}>
        <DialogContentText variant="body2">{t('contacts.serverKept')}</DialogContentText>
        {field('phone', t('contacts.phone'))}
        {field('address', t('contacts.address'))}
        {field('hours', t('contacts.hours'))}
        {error !== null && (
          <Alert severity="error" role="alert">
            {t('contacts.failed', { message: error })}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} disabled={saving}>
          {saving ? t('contacts.saving') : t('contacts.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
