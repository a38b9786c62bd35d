import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { SparkLineChart } from '@mui/x-charts/SparkLineChart';
import { useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { useCockpitFormat } from '../cockpitFormat';
import { selectQueue, selectWaitingSamples } from '../floorSlice';
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
    <Paper variant="outlined" sx={{ px: 1.5, py: 1, minWidth: 128, flex: '1 1 128px' }}>
      <Typography variant="body2" color="text.secondary" sx={{ lineHeight: 1.25 }}>
        {label}
      </Typography>
      <Typography
        data-testid={testId}
        sx={{ fontSize: 26, fontWeight: 500, lineHeight: 1.3, fontVariantNumeric: 'tabular-nums' }}
      >
        {children}
      </Typography>
      {hint && (
        <Typography variant="caption" color="text.secondary">
          {hint}
        </Typography>
      )}
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
        <SparkLineChart
          data={samples.length > 0 ? samples.map((s) => s.count) : [0]}
          xAxis={{ data: samples.length > 0 ? samples.map((s) => s.at) : [0] }}
          height={48}
          curve="stepAfter"
          area
          skipAnimation
          aria-label={t('cockpit.queue.sparkline')}
        />
      </Paper>
    </Box>
  );
}
