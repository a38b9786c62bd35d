import { useMemo } from 'react';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import { pickText } from '../../../../shared/domain/i18nText';
import type { DayMetrics } from '../../../../shared/queue/metrics';
import { selectLocale } from '../../../app/appSlice';
import { useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { selectBacklog } from '../../backlog/backlogSlice';
import { selectExecutorById } from '../../reference/referenceSlice';
import { useCockpitFormat } from '../cockpitFormat';
import { ChartCard } from './ChartCard';

const HEIGHT = 240;
const short = (text: string, max = 26) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The intervals worth drawing: from the first with calls to the last, an hour either side. */
export function activeIntervals(metrics: DayMetrics) {
  const active = metrics.intervals.map((i) => i.offered > 0);
  const first = active.indexOf(true);
  if (first < 0) return [];
  const last = active.lastIndexOf(true);
  const pad = Math.round(60 / metrics.intervalMinutes);
  return metrics.intervals.slice(
    Math.max(0, first - pad),
    Math.min(metrics.intervals.length, last + pad + 1),
  );
}

function NoData({ text }: { text: string }) {
  return (
    <Typography color="text.secondary" sx={{ py: 4, textAlign: 'center' }}>
      {text}
    </Typography>
  );
}

/** Offered, answered and abandoned by interval, and the service level of each interval below. */
export function CallsCharts({ metrics }: { metrics: DayMetrics }) {
  const t = useT();
  const format = useCockpitFormat(t);
  const theme = useTheme();
  const intervals = useMemo(() => activeIntervals(metrics), [metrics]);
  const labels = intervals.map((i) => format.timeOfDay(i.start));
  // One label an hour: four bars of 15 minutes share it.
  const every = Math.max(1, Math.round(60 / metrics.intervalMinutes));
  const xAxis = [
    {
      scaleType: 'band' as const,
      data: labels,
      tickLabelInterval: (_: unknown, index: number) => index % every === 0,
    },
  ];
  return (
    <>
      <ChartCard title={t('cockpit.chart.calls')} testId="chart-calls-by-interval" basis={560}>
        {(width) =>
          intervals.length === 0 ? (
            <NoData text={t('cockpit.chart.noData')} />
          ) : (
            <BarChart
              width={width}
              height={HEIGHT}
              skipAnimation
              xAxis={xAxis}
              yAxis={[{ tickMinStep: 1, width: 36 }]}
              margin={{ left: 4, right: 8, top: 8, bottom: 4 }}
              series={[
                {
                  data: intervals.map((i) => i.offered),
                  label: t('cockpit.chart.offered'),
                  color: theme.palette.info.main,
                },
                {
                  data: intervals.map((i) => i.answered),
                  label: t('cockpit.chart.answered'),
                  color: theme.palette.success.main,
                },
                {
                  data: intervals.map((i) => i.abandoned),
                  label: t('cockpit.chart.abandoned'),
                  color: theme.palette.error.main,
                },
              ]}
            />
          )
        }
      </ChartCard>
      <ChartCard
        title={t('cockpit.chart.serviceLevel', { seconds: metrics.thresholdSeconds })}
        testId="chart-service-level"
        basis={560}
      >
        {(width) =>
          intervals.length === 0 ? (
            <NoData text={t('cockpit.chart.noData')} />
          ) : (
            <LineChart
              width={width}
              height={HEIGHT}
              skipAnimation
              xAxis={xAxis.map((a) => ({ ...a, scaleType: 'point' as const }))}
              yAxis={[{ min: 0, max: 1, width: 44, valueFormatter: (v: number) => format.percent(v) }]}
              margin={{ left: 4, right: 12, top: 8, bottom: 4 }}
              series={[
                {
                  data: intervals.map((i) => i.serviceLevel),
                  label: t('cockpit.chart.serviceLevelSeries'),
                  color: theme.palette.primary.main,
                  connectNulls: false,
                  showMark: true,
                  valueFormatter: (v: number | null) => format.percent(v),
                },
              ]}
            />
          )
        }
      </ChartCard>
    </>
  );
}

/** Appeals registered by category group: the day beside the same weekday a week before. */
export function CategoryGroupsChart({ metrics, dayLabel }: { metrics: DayMetrics; dayLabel: string }) {
  const t = useT();
  const theme = useTheme();
  const classifier = useAppSelector((s) => s.reference.classifier);
  const locale = useAppSelector(selectLocale);
  const groups = useMemo(() => {
    const names = new Map((classifier?.groups ?? []).map((g) => [g.id, g.name]));
    return [...metrics.categoryGroups]
      .sort((a, b) => b.day - a.day || b.weekBefore - a.weekBefore)
      .slice(0, 10)
      .map((g) => ({ ...g, label: names.get(g.groupId) ?? null }));
  }, [metrics.categoryGroups, classifier]);
  // The classifier's name in the lead's language; the server's (Ukrainian) when it is not known here.
  return (
    <ChartCard title={t('cockpit.chart.categories', { day: dayLabel })} testId="chart-category-groups">
      {(width) =>
        groups.length === 0 ? (
          <NoData text={t('cockpit.chart.noData')} />
        ) : (
          <BarChart
            width={width}
            height={Math.max(HEIGHT, 60 + groups.length * 28)}
            layout="horizontal"
            skipAnimation
            yAxis={[
              {
                scaleType: 'band',
                data: groups.map((g) => short(g.label ? pickText(g.label, locale) : g.name)),
                width: 180,
              },
            ]}
            xAxis={[{ tickMinStep: 1 }]}
            margin={{ left: 4, right: 12, top: 8, bottom: 4 }}
            series={[
              {
                data: groups.map((g) => g.day),
                label: t('cockpit.chart.thisDay'),
                color: theme.palette.primary.main,
              },
              {
                data: groups.map((g) => g.weekBefore),
                label: t('cockpit.chart.weekBefore'),
                color: theme.palette.grey[400],
              },
            ]}
          />
        )
      }
    </ChartCard>
  );
}

/** The lifecycle backlog (worklists:backlog): due soon and overdue by executor, the most behind first. */
export function BacklogChart() {
  const t = useT();
  const theme = useTheme();
  const backlog = useAppSelector(selectBacklog);
  const executors = useAppSelector(selectExecutorById);
  const rows = useMemo(
    () =>
      backlog.rows
        .filter((r) => r.dueSoon + r.overdue > 0)
        .sort((a, b) => b.overdue - a.overdue || b.dueSoon - a.dueSoon)
        .slice(0, 10),
    [backlog.rows],
  );
  return (
    <ChartCard title={t('cockpit.chart.backlog')} testId="chart-backlog-by-executor">
      {(width) =>
        rows.length === 0 ? (
          <NoData text={t(backlog.error ? 'cockpit.chart.noData' : 'cockpit.chart.noBacklog')} />
        ) : (
          <BarChart
            width={width}
            height={Math.max(HEIGHT, 60 + rows.length * 28)}
            layout="horizontal"
            skipAnimation
            yAxis={[
              {
                scaleType: 'band',
                data: rows.map((r) => short(executors.get(r.executorId)?.name ?? r.executorId)),
                width: 180,
              },
            ]}
            xAxis={[{ tickMinStep: 1 }]}
            margin={{ left: 4, right: 12, top: 8, bottom: 4 }}
            series={[
              {
                data: rows.map((r) => r.overdue),
                label: t('cockpit.chart.overdue'),
                stack: 'late',
                color: theme.palette.error.main,
              },
              {
                data: rows.map((r) => r.dueSoon),
                label: t('cockpit.chart.dueSoon'),
                stack: 'late',
                color: theme.palette.warning.main,
              },
            ]}
          />
        )
      }
    </ChartCard>
  );
}
