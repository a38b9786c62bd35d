import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Divider from '@mui/material/Divider';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { formatPhone } from '../../../../shared/domain/phone';
import { assertNever } from '../../../../shared/result';
import { useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { selectBuildingAppeals, selectCallerHistory, type Lookup } from '../callerPanelSlice';
import { AppealSummaryList } from './AppealSummaryList';
import { NumberLookup } from './NumberLookup';
import { RepeatNotice } from './RepeatNotice';
import { IntakeIncidentHint } from '../../incidents/components/IntakeIncidentHint';
import Box from '@mui/material/Box';

function LookupBody<T>({
  lookup,
  hint,
  children,
}: {
  lookup: Lookup<T>;
  hint: string;
  children: (data: T) => ReactNode;
}) {
  const t = useT();
  switch (lookup.status) {
    case 'idle':
      return (
        <Typography variant="body2" color="text.secondary">
          {hint}
        </Typography>
      );
    case 'loading':
      return <LinearProgress aria-label={t('common.loading')} />;
    case 'failed':
      return <Alert severity="error">{t('caller.lookupFailed', { message: lookup.error ?? '' })}</Alert>;
    case 'loaded':
      return lookup.data ? children(lookup.data) : null;
    default:
      return assertNever(lookup.status, 'lookup status');
  }
}

/** Beside the form: the caller's history by phone and open appeals at the same building. */
export function CallerPanel() {
  const t = useT();
  const history = useAppSelector(selectCallerHistory);
  const building = useAppSelector(selectBuildingAppeals);
  const historyTitle = history.key
    ? t('caller.history', { phone: formatPhone(history.key) })
    : t('caller.title');
  return (
    <Paper
      component="aside"
      aria-label={t('caller.title')}
      variant="outlined"
      sx={{ p: 1.5 }}
      data-testid="caller-panel"
    >
      {/* First in the panel, which stays in view while the form scrolls: Art. 8 must not be missed. */}
      <Box sx={{ mb: 1.5, '&:empty': { display: 'none' } }}>
        <RepeatNotice />
      </Box>
      <Box sx={{ mb: 1.5, '&:empty': { display: 'none' } }}>
        <IntakeIncidentHint />
      </Box>
      <NumberLookup />
      <Divider sx={{ my: 1.5 }} />
      <section>
        <Typography
          variant="overline"
          component="h2"
          color="text.secondary"
          sx={{ lineHeight: 1.6, display: 'block' }}
        >
          {historyTitle}
        </Typography>
        <LookupBody lookup={history} hint={t('caller.historyHint')}>
          {(data) => (
            <>
              {data.appeals.length === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  {t('caller.noHistory')}
                </Typography>
              ) : (
                <AppealSummaryList appeals={data.appeals} label={historyTitle} />
              )}
              {data.consultations.length > 0 && (
                <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                  {t('caller.consultations', { count: data.consultations.length })}
                </Typography>
              )}
            </>
          )}
        </LookupBody>
      </section>
      <Divider sx={{ my: 1.5 }} />
      <section>
        <Typography
          variant="overline"
          component="h2"
          color="text.secondary"
          sx={{ lineHeight: 1.6, display: 'block' }}
        >
          {t('caller.building')}
        </Typography>
        <LookupBody lookup={building} hint={t('caller.buildingHint')}>
          {(data) =>
            data.openAppeals.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                {t('caller.noBuilding')}
              </Typography>
            ) : (
              <AppealSummaryList appeals={data.openAppeals} label={t('caller.building')} />
            )
          }
        </LookupBody>
      </section>
    </Paper>
  );
}
