import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { selectAnonymousMissing } from '../intakeSelectors';
import { useStartConsultation } from './useStartConsultation';

/** Art. 8: an appeal without its author's name or place of residence is anonymous and not considered. */
export function AnonymousBanner() {
  const t = useT();
  const missing = useAppSelector(selectAnonymousMissing);
  const startConsultation = useStartConsultation();
  if (missing.length === 0) return null;
  const names = missing
    .map((m) => (m === 'fullName' ? t('intake.missingName') : t('intake.missingAddress')))
    .join(', ');
  // Beside the form, in the caller's column: title, reason and the way out, one under another.
  return (
    <Alert severity="warning" data-testid="anonymous-banner" sx={{ '& .MuiAlert-message': { minWidth: 0 } }}>
      <AlertTitle>{t('intake.anonymousTitle')}</AlertTitle>
      <Box sx={{ fontSize: 13 }}>{t('intake.anonymousBody', { missing: names })}</Box>
      <Button color="inherit" variant="outlined" size="small" onClick={startConsultation} sx={{ mt: 1 }}>
        {t('intake.asConsultation')}
      </Button>
    </Alert>
  );
}
