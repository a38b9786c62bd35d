import { useCallback, useEffect, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { callbackOutcomes, type CallbackOutcome } from '../../../../shared/domain/lifecycle';
import { dialogOpen, isTyping } from '../../../app/keyTargets';
import { useT } from '../../../i18n/useT';
import { useAct } from '../../appeals/components/actions/useAct';

const COLORS: Record<CallbackOutcome, 'success' | 'warning' | 'inherit' | 'error'> = {
  confirmed: 'success',
  not_solved: 'warning',
  no_answer: 'inherit',
  wrong_number: 'error',
};

interface Props {
  appealId: string;
  busy: boolean;
  /** Inside the appeal's dialog the keys always apply; beside the list, only while no dialog is open. */
  inDialog: boolean;
  onRecorded?: () => void;
}

/**
 * What the citizen said, with one key while the appeal is open: 1 confirmed, 2 not solved,
 * 3 no answer, 4 wrong number (lifecycle.ts decides what each does).
 */
export function CallbackOutcomes({ appealId, busy, inDialog, onRecorded }: Props) {
  const t = useT();
  const act = useAct(appealId);
  const [note, setNote] = useState('');
  const record = useCallback(
    (outcome: CallbackOutcome) => {
      if (busy) return;
      const text = note.trim();
      const action = {
        kind: 'callback' as const,
        outcome,
        ...(outcome === 'not_solved' && text ? { note: text } : {}),
      };
      void act(action).then((ok) => {
        if (!ok) return;
        setNote('');
        onRecorded?.();
      });
    },
    [act, busy, note, onRecorded],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (!inDialog && dialogOpen()) return;
      const digit = /^(?:Digit|Numpad)([1-4])$/.exec(e.code);
      if (!digit) return;
      e.preventDefault();
      record(callbackOutcomes[Number(digit[1]) - 1]!);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [inDialog, record]);
  return (
    <Box
      role="group"
      aria-label={t('callback.outcomes')}
      sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}
    >
      <Typography variant="subtitle2" component="h4">
        {t('callback.outcomes')}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 1 }}>
        {callbackOutcomes.map((outcome, i) => (
          <Button
            key={outcome}
            variant="outlined"
            color={COLORS[outcome]}
            disabled={busy}
            onClick={() => record(outcome)}
            aria-keyshortcuts={String(i + 1)}
            sx={{
              justifyContent: 'flex-start',
              textTransform: 'none',
              // The key is a small label beside the word, not an icon-sized figure.
              '& .MuiButton-startIcon > kbd': { fontSize: 12, fontFamily: 'inherit' },
            }}
            startIcon={
              <Box
                component="kbd"
                sx={{ fontSize: 12, border: 1, borderRadius: 0.5, px: 0.5, lineHeight: 1.4 }}
              >
                {i + 1}
              </Box>
            }
          >
            {t(`outcome.${outcome}`)}
          </Button>
        ))}
      </Box>
      <TextField
        size="small"
        id={`callback-note-${appealId}`}
        label={t('callback.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <Typography variant="caption" color="text.secondary">
        {t('callback.keysHint')}
      </Typography>
    </Box>
  );
}
