import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { AppealSummaryList } from '../../callerPanel/components/AppealSummaryList';
import { PopIncidentHint } from '../../incidents/components/PopIncidentHint';
import { selectScreenPop, selectScreenPopBuilding, selectScreenPopHistory } from '../softphoneSlice';

/** A glance while the phone rings: the building's first rows only. */
const BUILDING_ROWS = 20;

/** What is known about the caller while the phone rings: their appeals and their building's open ones. */
export function ScreenPopPanel() {
  const t = useT();
  const pop = useAppSelector(selectScreenPop);
  const history = useAppSelector(selectScreenPopHistory);
  const building = useAppSelector(selectScreenPopBuilding);
  if (!pop) return null;
  if (!pop.phone)
    return (
      <Typography variant="body2" color="text.secondary">
        {t('softphone.pop.notPhone')}
      </Typography>
    );
  if (pop.status === 'loading') return <LinearProgress aria-label={t('common.loading')} />;
  if (pop.status === 'failed') return <Alert severity="warning">{t('softphone.pop.failed')}</Alert>;
  const appeals = history.data?.appeals ?? [];
  const buildingAppeals = building.data?.openAppeals.slice(0, BUILDING_ROWS) ?? [];
  const buildingAddress = building.key;
  return (
    <Box data-testid="softphone-screen-pop" sx={{ display: 'grid', gap: 1 }}>
      {/* First: a caller from a place with a known incident hears about it before anything else. */}
      {pop.building.args && <PopIncidentHint address={pop.building.args.address} />}
      <Typography variant="overline" component="h3" sx={{ lineHeight: 1.6 }}>
        {t('softphone.pop.history')}
      </Typography>
      {appeals.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('softphone.pop.none')}
        </Typography>
      ) : (
        <AppealSummaryList appeals={appeals} label={t('softphone.pop.history')} />
      )}
      {buildingAddress && buildingAppeals.length > 0 && (
        <>
          <Typography variant="overline" component="h3" sx={{ lineHeight: 1.6 }}>
            {t('softphone.pop.building', { address: buildingAddress })}
          </Typography>
          <AppealSummaryList
            appeals={buildingAppeals}
            label={t('softphone.pop.building', { address: buildingAddress })}
          />
        </>
      )}
    </Box>
  );
}
