import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { SparkLineChart } from '@mui/x-charts/SparkLineChart';
import { useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { useCockpitFormat } from '../cockpitFormat';
import { SPARKLINE_SAMPLE_MS, selectQueue, selectWaitingSamples } from '../floorSlice';
import { useWidth } from './ChartCard';
import { Elapsed } from './Elapsed';

function Tile({
  label,
  testId,
  hint,
  children,
}: {
  label: string;
  testId: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <Paper
      variant="outlined"
      sx={{ px: 1.5, py: 1, minWidth: 128, flex: '1 1 128px', display: 'flex', flexDirection: 'column' }}
    >
      {/* A label on two lines pushes nothing: the figures of all tiles stay on one line. */}
      <Typography variant="body2" color="text.secondary" sx={{ lineHeight: 1.25, flexGrow: 1 }}>
        {label}
      </Typography>
      <Typography
        data-testid={testId}
        sx={{ fontSize: 26, fontWeight: 500, lineHeight: 1.3, fontVariantNumeric: 'tabular-nums' }}
      >
        {children}
      </Typography>
      <Typography variant="caption" color="text.secondary" sx={{ minHeight: 20 }}>
        {hint}
      </Typography>
    </Paper>
  );
}

/** The queue at a glance: who waits now and how long, today's offered, answered, abandoned, SL, ASA. */
export function QueueTiles() {
  const t = useT();
  const format = useCockpitFormat(t);
  const queue = useAppSelector(selectQueue);
  const samples = useAppSelector(selectWaitingSamples);
  const today = queue?.today;
  const dash = t('cockpit.queue.none');
  const theme = useTheme();
  const { ref: sparkRef, width: sparkWidth } = useWidth();
  // A line needs two points: the first sample is drawn flat over one sampling period.
  const points =
    samples.length === 1
      ? [{ at: samples[0]!.at - SPARKLINE_SAMPLE_MS, count: samples[0]!.count }, samples[0]!]
      : samples;
  return (
    <Box
      role="region"
      aria-label={t('cockpit.queue.title')}
      sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}
    >
      <Tile label={t('cockpit.queue.waitingNow')} testId="queue-waiting-now">
        {queue ? format.count(queue.waiting.length) : dash}
      </Tile>
      <Tile label={t('cockpit.queue.longestWait')} testId="queue-longest-wait">
        {queue?.longestWaitingSince ? <Elapsed from={Date.parse(queue.longestWaitingSince)} /> : dash}
      </Tile>
      <Tile label={t('cockpit.queue.offered')} testId="queue-offered-today">
        {today ? format.count(today.offered) : dash}
      </Tile>
      <Tile label={t('cockpit.queue.answered')} testId="queue-answered-today">
        {today ? format.count(today.answered) : dash}
      </Tile>
      <Tile label={t('cockpit.queue.abandoned')} testId="queue-abandoned-today">
        {today ? format.count(today.abandoned) : dash}
      </Tile>
      <Tile
        label={t('cockpit.queue.serviceLevel')}
        testId="queue-service-level"
        hint={today ? t('cockpit.queue.serviceLevelHint', { seconds: today.thresholdSeconds }) : undefined}
      >
        {today ? format.percent(today.serviceLevel) : dash}
      </Tile>
      <Tile label={t('cockpit.queue.asa')} testId="queue-asa">
        {today ? format.seconds(today.asaSeconds) : dash}
      </Tile>
      <Paper
        variant="outlined"
        sx={{ px: 1.5, py: 1, flex: '2 1 240px', minWidth: 220 }}
        data-testid="queue-sparkline"
        data-points={samples.length}
      >
        <Typography variant="body2" color="text.secondary" sx={{ lineHeight: 1.25 }}>
          {t('cockpit.queue.sparkline')}
        </Typography>
        <Box ref={sparkRef} sx={{ width: '100%', height: 48 }}>
          {sparkWidth !== null && (
            <SparkLineChart
              data={points.map((p) => p.count)}
              xAxis={{ data: points.map((p) => p.at) }}
              width={sparkWidth}
              height={48}
              curve="stepAfter"
              color={theme.palette.primary.light}
              yAxis={{ min: 0 }}
              skipAnimation
              aria-label={t('cockpit.queue.sparkline')}
            />
          )}
        </Box>
      </Paper>
    </Box>
  );
}
