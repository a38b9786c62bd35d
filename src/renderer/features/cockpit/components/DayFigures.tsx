import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { LocalDate } from '../../../../shared/domain/localDate';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useFormat, useT } from '../../../i18n/useT';
import { useCockpitFormat } from '../cockpitFormat';
import { selectServerUnreachable } from '../liveSelectors';
import { metricsDayChosen, selectMetrics } from '../metricsSlice';
import { BacklogChart, CallsCharts, CategoryGroupsChart } from './DayCharts';
import { OperatorsTable } from './OperatorsTable';

/**
 * The chosen day in figures and charts. Today's are read again every minute (CockpitView's timer)
 * and stay on screen when a refresh fails; a past day needs the server and says so when it cannot
 * be reached.
 */
export function DayFigures({ today }: { today: LocalDate }) {
  const t = useT();
  const dates = useFormat();
  const format = useCockpitFormat(t);
  const dispatch = useAppDispatch();
  const metrics = useAppSelector(selectMetrics);
  const unreachable = useAppSelector(selectServerUnreachable);
  const day = metrics.day ?? today;
  const shown = metrics.dataFor === metrics.day ? metrics.data : null;
  const dayLabel = dates.shortDate(day);
  const failedPast = metrics.status === 'failed' && metrics.day !== null && metrics.error;
  return (
    <Box
      role="region"
      aria-label={t('cockpit.day.title')}
      sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 500 }}>
          {t('cockpit.day.title')}
        </Typography>
        <TextField
          type="date"
          size="small"
          label={t('cockpit.day.pick')}
          value={day}
          onChange={(e) => {
            const next = e.target.value;
            if (/^\d{4}-\d{2}-\d{2}$/.test(next) && next <= today)
              dispatch(metricsDayChosen(next === today ? null : next));
          }}
          slotProps={{
            inputLabel: { shrink: true },
            htmlInput: { max: today, 'data-testid': 'metrics-day' },
          }}
          sx={{ width: 170 }}
        />
        <Button size="small" disabled={metrics.day === null} onClick={() => dispatch(metricsDayChosen(null))}>
          {t('cockpit.day.today')}
        </Button>
        {shown && (
          <Typography variant="body2" color="text.secondary" data-testid="metrics-as-of">
            {metrics.day === null
              ? t('cockpit.day.asOf', { time: format.timeOfDay(shown.asOf) })
              : t('cockpit.day.pastAsOf', { day: dayLabel })}
          </Typography>
        )}
      </Box>
      {metrics.status === 'loading' && <LinearProgress aria-label={t('cockpit.day.loading')} />}
      {failedPast ? (
        <Alert severity="warning" data-testid="metrics-error">
          {unreachable || failedPast.issues?.some((i) => i.code === 'offline')
            ? t('cockpit.day.needsServer', { day: dayLabel })
            : t('cockpit.day.failed', { message: failedPast.message })}
        </Alert>
      ) : (
        metrics.status === 'failed' &&
        metrics.error && (
          <Alert severity="warning" data-testid="metrics-error">
            {t('cockpit.day.failed', { message: metrics.error.message })}
          </Alert>
        )
      )}
      {shown && (
        <Typography variant="body2" data-testid="metrics-totals">
          {t('cockpit.totals', {
            offered: format.count(shown.totals.offered),
            answered: format.count(shown.totals.answered),
            abandoned: format.count(shown.totals.abandoned),
            serviceLevel: format.percent(shown.totals.serviceLevel),
            asa: format.seconds(shown.totals.asaSeconds),
            aht: format.seconds(shown.totals.ahtSeconds),
            occupancy: format.percent(shown.totals.occupancy),
          })}
        </Typography>
      )}
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        {shown && <CallsCharts metrics={shown} />}
        {shown && <CategoryGroupsChart metrics={shown} dayLabel={dayLabel} />}
        <BacklogChart />
        {shown && <OperatorsTable operators={shown.operators} />}
      </Box>
    </Box>
  );
}
