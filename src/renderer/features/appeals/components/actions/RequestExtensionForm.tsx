import { useState } from 'react';
import TextField from '@mui/material/TextField';
import type { Appeal } from '../../../../../shared/domain';
import { useT } from '../../../../i18n/useT';
import { FormFrame } from './FormFrame';
import { useAct } from './useAct';

/** An executor asks for more time; an analyst decides with an extension. */
export function RequestExtensionForm({
  appeal,
  busy,
  onDone,
}: {
  appeal: Appeal;
  busy: boolean;
  onDone: () => void;
}) {
  const t = useT();
  const act = useAct(appeal.id);
  const [days, setDays] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const n = Number(days);
  const daysIssue = /^\d+$/.test(days) && n >= 1 && n <= 62 ? null : t('requestExt.daysRange');
  const reasonIssue = reason.trim() === '' ? t('requestExt.reasonRequired') : null;
  const submit = async () => {
    setTried(true);
    if (daysIssue || reasonIssue) return;
    if (await act({ kind: 'request_extension', days: n, reason: reason.trim() })) onDone();
  };
  return (
    <FormFrame
      title={t('action.request_extension')}
      submitLabel={t('action.request_extension')}
      busy={busy}
      onSubmit={() => void submit()}
      onCancel={onDone}
    >
      <TextField
        id={`request-days-${appeal.id}`}
        label={t('requestExt.days')}
        value={days}
        onChange={(e) => setDays(e.target.value)}
        required
        error={tried && daysIssue !== null}
        helperText={tried && daysIssue ? daysIssue : t('requestExt.daysRange')}
        slotProps={{ htmlInput: { inputMode: 'numeric' } }}
      />
      <TextField
        id={`request-reason-${appeal.id}`}
        label={t('requestExt.reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
        multiline
        minRows={2}
        error={tried && reasonIssue !== null}
        helperText={tried ? reasonIssue : undefined}
      />
    </FormFrame>
  );
}
