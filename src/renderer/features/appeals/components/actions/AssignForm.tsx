import { useState } from 'react';
import Alert from '@mui/material/Alert';
import TextField from '@mui/material/TextField';
import type { Appeal } from '../../../../../shared/domain';
import { FORWARD_WITHIN_DAYS } from '../../../../../shared/domain/lifecycle';
import { daysBetween } from '../../../../../shared/domain/localDate';
import { useAppSelector } from '../../../../app/hooks';
import { useToday } from '../../../../app/useToday';
import { useFormat, useT } from '../../../../i18n/useT';
import { ExecutorPicker } from '../../../reference/components/ExecutorPicker';
import { selectExecutorById, selectQuestionTypeById } from '../../../reference/referenceSlice';
import { FormFrame } from './FormFrame';
import { useAct } from './useAct';

/**
 * Routing to an executor. The first assignment starts from the executor the appeal carries (set at
 * registration from the classifier's suggestion); forwarding to another one needs a reason, and
 * after five days from the first assignment it is late (Art. 7), which the user is told before.
 */
export function AssignForm({ appeal, busy, onDone }: { appeal: Appeal; busy: boolean; onDone: () => void }) {
  const t = useT();
  const format = useFormat();
  const today = useToday();
  const act = useAct(appeal.id);
  const executors = useAppSelector(selectExecutorById);
  const types = useAppSelector(selectQuestionTypeById);
  const forwarding = appeal.status !== 'registered';
  const [executorId, setExecutorId] = useState<string | null>(appeal.executorId);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const suggested = types.get(appeal.categoryId)?.defaultExecutorId ?? null;
  const assignedOn = appeal.lifecycle.assignedOn;
  const late = forwarding && assignedOn !== null && daysBetween(assignedOn, today) > FORWARD_WITHIN_DAYS;

  const executorIssue =
    executorId === null
      ? t('assign.chooseExecutor')
      : forwarding && executorId === appeal.executorId
        ? t('assign.sameExecutor')
        : null;
  const reasonIssue = forwarding && reason.trim() === '' ? t('assign.reasonRequired') : null;
  const submit = async () => {
    setTried(true);
    if (executorIssue || reasonIssue || executorId === null) return;
    const ok = await act({
      kind: 'assign',
      executorId,
      ...(forwarding ? { reason: reason.trim() } : {}),
    });
    if (ok) onDone();
  };
  return (
    <FormFrame
      title={t(forwarding ? 'action.forward' : 'action.assign')}
      submitLabel={t(forwarding ? 'action.forward' : 'action.assign')}
      busy={busy}
      onSubmit={() => void submit()}
      onCancel={onDone}
    >
      <ExecutorPicker
        id={`assign-executor-${appeal.id}`}
        label={t('assign.executor')}
        value={executorId}
        categoryId={appeal.categoryId}
        onChange={setExecutorId}
        required
        error={tried && executorIssue !== null}
        helperText={
          (tried && executorIssue) ||
          (suggested
            ? t('assign.suggested', { name: executors.get(suggested)?.name ?? suggested })
            : undefined)
        }
      />
      {forwarding && (
        <TextField
          id={`assign-reason-${appeal.id}`}
          label={t('assign.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          multiline
          minRows={2}
          error={tried && reasonIssue !== null}
          helperText={tried ? reasonIssue : undefined}
        />
      )}
      {late && assignedOn && (
        <Alert severity="warning" data-testid="late-forward">
          {t('assign.late', { date: format.date(assignedOn) })}
        </Alert>
      )}
    </FormFrame>
  );
}
