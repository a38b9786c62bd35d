import { useState } from 'react';
import TextField from '@mui/material/TextField';
import { ClosingResult, closingResults, type Appeal } from '../../../../../shared/domain';
import { useT } from '../../../../i18n/useT';
import { FormFrame } from './FormFrame';
import { useAct } from './useAct';

/** The executor's answer: a result named as in the 1551 data, and the words read to the citizen. */
export function AnswerForm({ appeal, busy, onDone }: { appeal: Appeal; busy: boolean; onDone: () => void }) {
  const t = useT();
  const act = useAct(appeal.id);
  const [result, setResult] = useState<ClosingResult | null>(null);
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const resultIssue = result === null ? t('answer.resultRequired') : null;
  const textIssue = text.trim() === '' ? t('answer.textRequired') : null;
  const submit = async () => {
    setTried(true);
    if (result === null || textIssue) return;
    if (await act({ kind: 'answer', result, text: text.trim() })) onDone();
  };
  return (
    <FormFrame
      title={t('action.answer')}
      submitLabel={t('action.answer')}
      busy={busy}
      onSubmit={() => void submit()}
      onCancel={onDone}
    >
      <TextField
        select
        id={`answer-result-${appeal.id}`}
        label={t('answer.result')}
        value={result ?? ''}
        required
        onChange={(e) => {
          const parsed = ClosingResult.safeParse(e.target.value);
          setResult(parsed.success ? parsed.data : null);
        }}
        error={tried && resultIssue !== null}
        helperText={tried ? resultIssue : undefined}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      >
        <option value="" />
        {closingResults.map((r) => (
          <option key={r} value={r}>
            {t(`result.${r}`)}
          </option>
        ))}
      </TextField>
      <TextField
        id={`answer-text-${appeal.id}`}
        label={t('answer.text')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        required
        multiline
        minRows={3}
        error={tried && textIssue !== null}
        helperText={tried ? textIssue : undefined}
      />
    </FormFrame>
  );
}
