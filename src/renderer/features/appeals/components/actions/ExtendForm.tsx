import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import TextField from '@mui/material/TextField';
import type { Appeal } from '../../../../../shared/domain';
import { deadlineCeiling } from '../../../../../shared/domain/lifecycle';
import { addDays } from '../../../../../shared/domain/localDate';
import { selectRuleSet } from '../../../../app/appSlice';
import { useAppSelector } from '../../../../app/hooks';
import { useToday } from '../../../../app/useToday';
import { useFormat, useT } from '../../../../i18n/useT';
import { FormFrame } from './FormFrame';
import { useAct } from './useAct';

/**
 * A new deadline, within the law's ceiling (45 days from receipt in Ukraine, two months in
 * Kazakhstan), with the reason, and the user's word that the citizen will be told (Art. 20): a
 * date outside the range is refused here, before anything is sent.
 */
export function ExtendForm({ appeal, busy, onDone }: { appeal: Appeal; busy: boolean; onDone: () => void }) {
  const t = useT();
  const format = useFormat();
  const today = useToday();
  const act = useAct(appeal.id);
  const ruleSet = useAppSelector(selectRuleSet);
  const ceiling = deadlineCeiling(appeal.receivedOn, ruleSet);
  const request = appeal.lifecycle.extensionRequest;
  const earliest = [addDays(appeal.deadlineOn, 1), today].sort().at(-1)!;
  const asked = request ? addDays(appeal.deadlineOn, request.days) : '';
  const [date, setDate] = useState(asked && asked <= ceiling ? asked : '');
  const [reason, setReason] = useState(request?.reason ?? '');
  const [told, setTold] = useState(false);
  const [tried, setTried] = useState(false);
  const range = { from: format.date(appeal.deadlineOn), to: format.date(ceiling) };
  const dateIssue =
    !/^\d{4}-\d{2}-\d{2}$/.test(date) || date < earliest || date > ceiling
      ? t('extend.outOfRange', range)
      : null;
  const reasonIssue = reason.trim() === '' ? t('extend.reasonRequired') : null;
  const toldIssue = told ? null : t('extend.citizenRequired');
  const submit = async () => {
    setTried(true);
    if (dateIssue || reasonIssue || toldIssue) return;
    if (await act({ kind: 'extend', deadlineOn: date, reason: reason.trim(), citizenToBeTold: true }))
      onDone();
  };
  return (
    <FormFrame
      title={t('action.extend')}
      submitLabel={t('action.extend')}
      busy={busy}
      onSubmit={() => void submit()}
      onCancel={onDone}
    >
      {request && (
        <Alert severity="info" role="note">
          {t('detail.extensionRequested')}:{' '}
          {t('detail.extensionRequest', { days: request.days, reason: request.reason })}
        </Alert>
      )}
      <TextField
        id={`extend-date-${appeal.id}`}
        type="date"
        label={t('extend.date')}
        value={date}
        onChange={(e) => setDate(e.target.value)}
        required
        error={tried && dateIssue !== null}
        helperText={tried && dateIssue ? dateIssue : t('extend.range', range)}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: earliest, max: ceiling } }}
      />
      <TextField
        id={`extend-reason-${appeal.id}`}
        label={t('extend.reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
        multiline
        minRows={2}
        error={tried && reasonIssue !== null}
        helperText={tried ? reasonIssue : undefined}
      />
      <div>
        <FormControlLabel
          control={<Checkbox checked={told} onChange={(e) => setTold(e.target.checked)} />}
          label={t('extend.citizenTold')}
        />
        {tried && toldIssue && <FormHelperText error>{toldIssue}</FormHelperText>}
      </div>
    </FormFrame>
  );
}
