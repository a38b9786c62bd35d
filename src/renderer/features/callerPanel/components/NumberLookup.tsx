import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { appealNumberOf } from '../../../../shared/domain/appealNumber';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { numberLookupEdited, selectAppealByNumber, selectNumberText } from '../callerPanelSlice';
import { AppealSummaryList } from './AppealSummaryList';

/**
 * A citizen calling again reads out their appeal's number (official 1551-2026-000042 or provisional
 * P-7K3M-000002): its status, executor and the executor's answer, to read back to them.
 */
export function NumberLookup() {
  const t = useT();
  const dispatch = useAppDispatch();
  const text = useAppSelector(selectNumberText);
  const found = useAppSelector(selectAppealByNumber);
  const typed = text.trim() !== '';
  const isNumber = appealNumberOf(text) !== null;
  return (
    <section>
      <TextField
        id="caller-number"
        type="search"
        size="small"
        fullWidth
        label={t('caller.findByNumber')}
        placeholder={t('caller.numberHint')}
        value={text}
        onChange={(e) => dispatch(numberLookupEdited(e.target.value))}
        helperText={typed && !isNumber ? t('caller.notANumber') : undefined}
      />
      {found.status === 'loading' && <LinearProgress aria-label={t('common.loading')} sx={{ mt: 1 }} />}
      {found.status === 'failed' && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {t('caller.lookupFailed', { message: found.error ?? '' })}
        </Alert>
      )}
      {found.status === 'loaded' &&
        isNumber &&
        found.data !== null &&
        (found.data.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} data-testid="number-not-found">
            {t('caller.numberNotFound')}
          </Typography>
        ) : (
          <AppealSummaryList appeals={found.data} label={t('caller.found')} />
        ))}
    </section>
  );
}
