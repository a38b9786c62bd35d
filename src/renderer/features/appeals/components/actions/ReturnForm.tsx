import { useState } from 'react';
import TextField from '@mui/material/TextField';
import type { Appeal } from '../../../../../shared/domain';
import { useT } from '../../../../i18n/useT';
import { FormFrame } from './FormFrame';
import { useAct } from './useAct';

/** The control check sends the answer back: what must be redone is told to the executor. */
export function ReturnForm({ appeal, busy, onDone }: { appeal: Appeal; busy: boolean; onDone: () => void }) {
  const t = useT();
  const act = useAct(appeal.id);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const issue = reason.trim() === '' ? t('return.reasonRequired') : null;
  const submit = async () => {
    setTried(true);
    if (issue) return;
    if (await act({ kind: 'control_return', reason: reason.trim() })) onDone();
  };
  return (
    <FormFrame
      title={t('action.control_return')}
      submitLabel={t('action.control_return')}
      busy={busy}
      onSubmit={() => void submit()}
      onCancel={onDone}
    >
      <TextField
        id={`return-reason-${appeal.id}`}
        label={t('return.reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
        multiline
        minRows={2}
        error={tried && issue !== null}
        helperText={tried ? issue : undefined}
      />
    </FormFrame>
  );
}
