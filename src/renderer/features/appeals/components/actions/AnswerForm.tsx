import { useState } from 'react';
import TextField from '@mui/material/TextField';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import {
  ClosingResult,
  closingResults,
  LIMITS,
  type Appeal,
  type AttachmentMeta,
} from '../../../../../shared/domain';
import { attachmentMetaOf, readableSize } from './attachmentMeta';
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
  const [files, setFiles] = useState<AttachmentMeta[]>([]);
  const [fileIssue, setFileIssue] = useState<string | null>(null);
  const addFiles = async (list: FileList | null) => {
    const outcomes = await Promise.all([...(list ?? [])].map(attachmentMetaOf));
    const tooLarge = outcomes.flatMap((o) => (o.ok ? [] : [o.tooLarge]));
    setFileIssue(tooLarge.length > 0 ? t('answer.tooLarge', { names: tooLarge.join(', ') }) : null);
    const added = outcomes.flatMap((o) => (o.ok ? [o.meta] : []));
    setFiles((now) => [...now, ...added].slice(0, LIMITS.attachments));
  };
  const resultIssue = result === null ? t('answer.resultRequired') : null;
  const textIssue = text.trim() === '' ? t('answer.textRequired') : null;
  const submit = async () => {
    setTried(true);
    if (result === null || textIssue) return;
    const attachments = files.length > 0 ? { attachments: files } : {};
    if (await act({ kind: 'answer', result, text: text.trim(), ...attachments })) onDone();
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
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
        <Button component="label" size="small" variant="outlined" disabled={busy}>
          {t('answer.attach')}
          <input
            type="file"
            multiple
            hidden
            aria-label={t('answer.attach')}
            onChange={(e) => {
              void addFiles(e.target.files);
              e.target.value = '';
            }}
          />
        </Button>
        {files.map((f, i) => (
          <Chip
            key={`${f.name}-${i}`}
            size="small"
            label={`${f.name} · ${readableSize(f.size)}`}
            onDelete={() => setFiles((now) => now.filter((_, j) => j !== i))}
          />
        ))}
      </Box>
      {fileIssue && (
        <Box role="alert" sx={{ color: 'error.main', fontSize: 13 }}>
          {fileIssue}
        </Box>
      )}
    </FormFrame>
  );
}
