import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Link from '@mui/material/Link';
import { assertNever } from '../../../../shared/result';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { appealDetailOpened } from '../../../app/navigationSlice';
import { useFormat, useT } from '../../../i18n/useT';
import { appealNumber } from '../../appeals/appealDisplay';
import { repeatLinkToggled } from '../../intake/intakeSlice';
import { selectDraftForm } from '../../intake/intakeSelectors';
import { selectRepeatCheck } from '../callerPanelSlice';

/**
 * Art. 8 of Law 393/96-VR: a repeated appeal on an issue already resolved on the merits is not
 * considered, so the operator must know before registering; an open appeal on the same issue is
 * a duplicate to link rather than a second registration.
 */
export function RepeatNotice() {
  const t = useT();
  const format = useFormat();
  const dispatch = useAppDispatch();
  const check = useAppSelector(selectRepeatCheck);
  const repeatOf = useAppSelector((s) => selectDraftForm(s).repeatOf);
  const savedId = useAppSelector((s) => s.intake.saved?.id ?? null);
  if (check.status === 'failed') {
    return <Alert severity="warning">{t('repeat.failed', { message: check.error ?? '' })}</Alert>;
  }
  const verdict = check.data;
  if (check.status !== 'loaded' || !verdict || verdict.kind === 'none') return null;
  const previous = verdict.previous;
  // Once registered, the appeal on screen is found by its own repeat check: it is not a repeat of itself.
  if (previous.id === savedId) return null;
  const number = appealNumber(previous);
  const open = (
    <Link
      component="button"
      type="button"
      onClick={() => dispatch(appealDetailOpened(previous.id))}
      sx={{ verticalAlign: 'baseline' }}
    >
      {t('repeat.open', { number })}
    </Link>
  );
  const link = (
    <FormControlLabel
      control={
        <Checkbox
          size="small"
          checked={repeatOf === previous.id}
          onChange={(e) => dispatch(repeatLinkToggled(e.target.checked ? previous.id : null))}
        />
      }
      label={t('repeat.link', { number })}
    />
  );
  switch (verdict.kind) {
    case 'resolved_repeat':
      return (
        <Alert severity="warning" data-testid="repeat-warning" role="alert">
          <AlertTitle>{t('repeat.resolvedTitle')}</AlertTitle>
          {t('repeat.resolvedBody', {
            number,
            date: format.date(previous.receivedOn),
            result: previous.result ? t(`result.${previous.result}`) : t('status.closed'),
          })}
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mt: 0.5 }}>
            {open}
            {link}
          </Box>
        </Alert>
      );
    case 'open_duplicate':
      return (
        <Alert severity="info" data-testid="repeat-warning" role="status">
          <AlertTitle>{t('repeat.openTitle')}</AlertTitle>
          {t('repeat.openBody', {
            number,
            date: format.date(previous.receivedOn),
            status: t(`status.${previous.status}`),
            deadline: format.date(previous.deadlineOn),
          })}
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mt: 0.5 }}>
            {open}
            {link}
          </Box>
        </Alert>
      );
    default:
      return assertNever(verdict, 'repeat verdict');
  }
}
