import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Snackbar from '@mui/material/Snackbar';
import Typography from '@mui/material/Typography';
import type { AgentSnapshot } from '../../../../shared/softphone/agent';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useToday } from '../../../app/useToday';
import { useT } from '../../../i18n/useT';
import { useCockpitFormat } from '../cockpitFormat';
import { ClockContext, createSecondClock } from '../floorClock';
import { SPARKLINE_SAMPLE_MS, selectClockOffset, selectFloor, waitingSampled } from '../floorSlice';
import { selectCockpitLive } from '../liveSelectors';
import { METRICS_REFRESH_MS, loadDayMetrics, selectMetrics } from '../metricsSlice';
import { DayFigures } from './DayFigures';
import { FloorBoard } from './FloorBoard';
import { OverrideDialog } from './OverrideDialog';
import { QueueTiles } from './QueueTiles';
import { WaitingList } from './WaitingList';
import { stateText } from './FloorRowView';
import { IncidentsSection } from '../../incidents/components/IncidentsSection';

/** The banner that says the figures stopped being live, and since when. */
function LiveBanner() {
  const t = useT();
  const format = useCockpitFormat(t);
  const live = useAppSelector(selectCockpitLive);
  const floor = useAppSelector(selectFloor);
  if (live || floor.status === 'idle' || floor.status === 'loading') return null;
  const asOf = floor.lastLiveAt;
  return (
    <Alert severity="warning" data-testid="floor-live-banner" sx={{ py: 0 }}>
      {t('cockpit.notLive', { time: asOf === null ? t('cockpit.queue.none') : format.timeOfDay(asOf) })}
    </Alert>
  );
}

/**
 * The team lead's home (issue 13): the queue's tiles and sparkline, the live floor, the callers
 * waiting, and the day's figures and charts. One clock ticks for everything that runs; the
 * sparkline samples every few seconds and today's figures are read again every minute.
 */
export function CockpitView() {
  const t = useT();
  const dispatch = useAppDispatch();
  const clock = useMemo(() => createSecondClock(), []);
  const floor = useAppSelector(selectFloor);
  const offset = useAppSelector(selectClockOffset);
  // Before paint, so no running time shows this machine's clock for a frame.
  useLayoutEffect(() => clock.setOffset(offset), [clock, offset]);
  const metricsDay = useAppSelector(selectMetrics).day;
  const today = useToday();
  const [editing, setEditing] = useState<AgentSnapshot | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // The board and the queue are what a lead looks at first: they paint, then the charts are drawn.
  const [chartsShown, setChartsShown] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setChartsShown(true));
    return () => cancelAnimationFrame(frame);
  }, []);

  useEffect(() => {
    const timer = setInterval(() => dispatch(waitingSampled({ now: Date.now() })), SPARKLINE_SAMPLE_MS);
    return () => clearInterval(timer);
  }, [dispatch]);
  useEffect(() => {
    if (metricsDay !== null) return;
    const timer = setInterval(() => void dispatch(loadDayMetrics(null)), METRICS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [dispatch, metricsDay]);

  const onSetState = useCallback((agent: AgentSnapshot) => setEditing(agent), []);
  const onClose = (changed: boolean) => {
    if (changed && editing) setDone(editing.userId);
    setEditing(null);
  };
  const changedAgent = done ? floor.agents.entities[done] : undefined;

  return (
    <ClockContext.Provider value={clock}>
      <Box
        role="region"
        aria-label={t('cockpit.title')}
        data-testid="cockpit"
        sx={{ p: 1.5, display: 'flex', flexDirection: 'column', gap: 1.5 }}
      >
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h2">
            {t('cockpit.title')}
          </Typography>
          <Box sx={{ flex: 1, minWidth: 280 }}>
            <LiveBanner />
          </Box>
        </Box>
        {floor.status === 'loading' && <LinearProgress aria-label={t('common.loading')} />}
        {floor.error && floor.status === 'failed' && (
          <Alert severity="error">{t('cockpit.floorFailed', { message: floor.error.message })}</Alert>
        )}
        <IncidentsSection />
        <QueueTiles />
        <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <Box sx={{ flex: '3 1 1000px', minWidth: 0 }}>
            <FloorBoard onSetState={onSetState} />
          </Box>
          <WaitingList />
        </Box>
        {chartsShown && <DayFigures today={today} />}
      </Box>
      {editing && <OverrideDialog agent={editing} onClose={onClose} />}
      <Snackbar
        open={changedAgent !== undefined}
        autoHideDuration={5000}
        onClose={() => setDone(null)}
        message={
          changedAgent
            ? t('cockpit.override.done', { name: changedAgent.name, state: stateText(changedAgent, t) })
            : ''
        }
      />
    </ClockContext.Provider>
  );
}
