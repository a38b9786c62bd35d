import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { AppealSummaryList } from '../../callerPanel/components/AppealSummaryList';
import { selectScreenPop } from '../softphoneSlice';

/** What is known about the caller while the phone rings: their appeals and their building's open ones. */
export function ScreenPopPanel() {
  const t = useT();
  const pop = useAppSelector(selectScreenPop);
  if (!pop) return null;
  if (!pop.phone)
    return (
      <Typography variant="body2" color="text.secondary">
        {t('softphone.pop.notPhone')}
      </Typography>
    );
  if (pop.status === 'loading') return <LinearProgress aria-label={t('common.loading')} />;
  if (pop.status === 'failed') return <Alert severity="warning">{t('softphone.pop.failed')}</Alert>;
  return (
    <Box data-testid="softphone-screen-pop" sx={{ display: 'grid', gap: 1 }}>
      <Typography variant="overline" component="h3" sx={{ lineHeight: 1.6 }}>
        {t('softphone.pop.history')}
      </Typography>
      {pop.appeals.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('softphone.pop.none')}
        </Typography>
      ) : (
        <AppealSummaryList appeals={pop.appeals} label={t('softphone.pop.history')} />
      )}
      {pop.buildingAddress && pop.buildingAppeals.length > 0 && (
        <>
          <Typography variant="overline" component="h3" sx={{ lineHeight: 1.6 }}>
            {t('softphone.pop.building', { address: pop.buildingAddress })}
          </Typography>
          <AppealSummaryList
            appeals={pop.buildingAppeals}
            label={t('softphone.pop.building', { address: pop.buildingAddress })}
          />
        </>
      )}
    </Box>
  );
}
