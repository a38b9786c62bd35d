import type { FormEvent, ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useT } from '../../../../i18n/useT';

interface Props {
  title: string;
  submitLabel: string;
  busy: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}

/** One action's form inside the appeal: its fields, then send or cancel. */
export function FormFrame({ title, submitLabel, busy, onSubmit, onCancel, children }: Props) {
  const t = useT();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <Paper
      component="form"
      variant="outlined"
      aria-label={title}
      noValidate
      onSubmit={submit}
      sx={{ p: 1.5, display: 'flex', flexDirection: 'column', gap: 1.5 }}
    >
      <Typography variant="subtitle2" component="h4">
        {title}
      </Typography>
      {children}
      <Box sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end' }}>
        <Button onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="contained" disabled={busy}>
          {busy ? t('actions.sending') : submitLabel}
        </Button>
      </Box>
    </Paper>
  );
}
