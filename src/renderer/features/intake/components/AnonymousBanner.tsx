import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
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
  return (
    <Alert
      severity="warning"
      data-testid="anonymous-banner"
      action={
        <Button color="inherit" size="small" onClick={startConsultation} sx={{ whiteSpace: 'nowrap' }}>
          {t('intake.asConsultation')}
        </Button>
      }
    >
      <AlertTitle>{t('intake.anonymousTitle')}</AlertTitle>
      {t('intake.anonymousBody', { missing: names })}
    </Alert>
  );
}
