// GET /api/v1/queue/metrics: the center's figures for a day by interval (MetricsQuery -> DayMetrics,
// src/shared/queue/metrics.ts). The route table admits team leads, admins and analysts.
import type { FastifyInstance } from 'fastify';
import { addDays, localDateOf } from '../../shared/domain/localDate';
import { METRICS_PATHS, MetricsQuery } from '../../shared/queue/metrics';
import type { AppContext } from '../context';
import { HttpError } from '../errors';
import { referenceGroupTree } from './categoryGroups';
import { dayMetrics } from './dayMetrics';

/** The first day the figures are asked for; nothing earlier was ever recorded by this server. */
export const FIRST_METRICS_DAY = '2000-01-01';

/** Tomorrow at most: a client a little ahead of the center's midnight still gets an (empty) day. */
export function checkMetricsDay(day: string, today: string): void {
  const latest = addDays(today, 1);
  const refuse = (message: string) =>
    new HttpError(400, 'invalid_input', message, {}, [{ path: 'day', code: 'out_of_range', message }]);
  if (day > latest)
    throw refuse(`day must be no later than ${latest} (today is ${today} in the center's zone)`);
  if (day < FIRST_METRICS_DAY) throw refuse(`day must be ${FIRST_METRICS_DAY} or later`);
}

export function metricsRoutes(app: FastifyInstance, { pool, config }: AppContext): void {
  app.get(METRICS_PATHS.metrics, async (request) => {
    const query = MetricsQuery.parse(request.query);
    const asOf = new Date();
    const timeZone = config.appeals.timeZone;
    const today = localDateOf(asOf, timeZone);
    const day = query.day ?? today;
    checkMetricsDay(day, today);
    return dayMetrics(pool, {
      day,
      timeZone,
      intervalMinutes: query.interval,
      thresholdSeconds: query.threshold ?? config.queue.serviceLevelSeconds,
      asOf,
      groups: referenceGroupTree(),
    });
  });
}
