import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { AgentOverrideInput } from '../../../../shared/queue/floor';
import type { AppError } from '../../../../shared/result';
import { BreakReason, type AgentSnapshot } from '../../../../shared/softphone/agent';
import { useAppDispatch } from '../../../app/hooks';
import type { Translate } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { overrideAgentState } from '../floorSlice';
import { stateText } from './FloorRowView';

type Target = 'available' | 'break' | 'offline';

/** Says a refusal in the lead's language where its code is known, the server's words otherwise. */
export function refusalText(error: AppError, t: Translate): string {
  const codes = [error.code, ...(error.issues ?? []).map((i) => i.code)];
  if (codes.includes('call_in_progress')) return t('cockpit.override.callInProgress');
  if (codes.includes('forbidden')) return t('cockpit.override.forbidden');
  if (codes.includes('offline') || codes.includes('unreachable')) return t('cockpit.override.needsServer');
  return t('cockpit.override.refused', { message: error.message });
}

/**
 * A lead sets an agent's state: available, a break with its reason, or offline, always with a
 * reason that is recorded and shown to the agent. The server may refuse (a call in progress): the
 * refusal is shown as it comes and the dialog stays open.
 */
export function OverrideDialog({
  agent,
  onClose,
}: {
  agent: AgentSnapshot;
  onClose: (done: boolean) => void;
}) {
  const t = useT();
  const dispatch = useAppDispatch();
  const [target, setTarget] = useState<Target>(agent.state.state === 'break' ? 'available' : 'break');
  const [breakReason, setBreakReason] = useState<BreakReason>('personal');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const missingReason = reason.trim().length === 0;

  const submit = async () => {
    setTried(true);
    if (missingReason) return;
    const input = AgentOverrideInput.safeParse({
      state: target === 'break' ? { state: 'break', reason: breakReason } : { state: target },
      reason,
    });
    if (!input.success) {
      setRefusal(t('cockpit.override.reasonRequired'));
      return;
    }
    setBusy(true);
    setRefusal(null);
    const result = await dispatch(overrideAgentState({ ...input.data, userId: agent.userId }));
    setBusy(false);
    if (overrideAgentState.fulfilled.match(result)) onClose(true);
    else
      setRefusal(refusalText(result.payload ?? { code: 'internal', message: result.error.message ?? '' }, t));
  };

  return (
    <Dialog open onClose={() => onClose(false)} maxWidth="xs" fullWidth aria-labelledby="override-title">
      <DialogTitle id="override-title">{t('cockpit.override.title', { name: agent.name })}</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <Typography variant="body2" color="text.secondary">
          {t('cockpit.override.now', { state: stateText(agent, t) })}
        </Typography>
        <FormControl>
          <FormLabel id="override-to">{t('cockpit.override.to')}</FormLabel>
          <RadioGroup
            aria-labelledby="override-to"
            value={target}
            onChange={(e) => setTarget(e.target.value as Target)}
          >
            {(['available', 'break', 'offline'] as const).map((s) => (
              <FormControlLabel
                key={s}
                value={s}
                control={<Radio size="small" />}
                label={t(`cockpit.override.${s}`)}
              />
            ))}
          </RadioGroup>
        </FormControl>
        {target === 'break' && (
          <TextField
            select
            size="small"
            label={t('cockpit.override.breakReason')}
            value={breakReason}
            onChange={(e) => setBreakReason(e.target.value as BreakReason)}
          >
            {BreakReason.options.map((r) => (
              <MenuItem key={r} value={r}>
                {t(`agent.reason.${r}`)}
              </MenuItem>
            ))}
          </TextField>
        )}
        <TextField
          size="small"
          label={t('cockpit.override.reason')}
          value={reason}
          required
          autoFocus
          multiline
          minRows={2}
          slotProps={{ htmlInput: { maxLength: 200 } }}
          onChange={(e) => setReason(e.target.value)}
          error={tried && missingReason}
          helperText={tried && missingReason ? t('cockpit.override.reasonRequired') : ' '}
        />
        {refusal && (
          <Alert severity="error" data-testid="override-refusal">
            {refusal}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(false)}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => void submit()} disabled={busy}>
          {t('cockpit.override.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
