// GET /api/v1/worklists/:list and GET /api/v1/backlog. The route table admits the roles; whether
// this role has this list is WORK_LISTS_OF's answer, checked here.
import type { FastifyInstance } from 'fastify';
import { localDateOf } from '../../shared/domain/localDate';
import { WORK_LISTS_OF } from '../../shared/domain/worklists';
import { audit } from '../audit';
import type { AppContext } from '../context';
import { forbidden, HttpError } from '../errors';
import { readBacklog } from './backlog';
import { BadCursorError } from './cursor';
import { countWorkList, readWorkListPage } from './repository';
import { WorkListHttpQuery, WorkListParams } from './schemas';
import { withSerialScan } from './serialScan';

export function workListRoutes(app: FastifyInstance, { pool, config }: AppContext): void {
  const today = (now: Date) => localDateOf(now, config.appeals.timeZone);

  app.get('/api/v1/worklists/:list', async (request) => {
    const { list } = WorkListParams.parse(request.params);
    const query = WorkListHttpQuery.parse(request.query);
    if (!WORK_LISTS_OF[request.user.role].includes(list))
      throw forbidden(`The ${list} list is not one of a ${request.user.role}'s lists`);
    const now = new Date();
    const read = { list, user: request.user, query, today: today(now), now };
    // The count reads more rows than the page: it runs while the page is read and audited.
    const total = withSerialScan(pool, (db) => countWorkList(db, read));
    total.catch(() => undefined);
    let page;
    try {
      page = await readWorkListPage(pool, read);
    } catch (error) {
      if (error instanceof BadCursorError)
        throw new HttpError(400, 'invalid_input', error.message, {}, [
          { path: 'cursor', code: 'invalid_cursor', message: error.message },
        ]);
      throw error;
    }
    await audit(pool, {
      userId: request.user.id,
      action: 'appeal.list',
      appealIds: page.items.map((item) => item.id),
      details: { list, executorId: query.executorId ?? null, onlyOverdue: query.onlyOverdue ?? false },
    });
    return { ...page, total: await total };
  });

  app.get('/api/v1/backlog', async () => {
    const now = new Date();
    const day = today(now);
    const rows = await withSerialScan(pool, (db) => readBacklog(db, day));
    return { rows, asOf: now.toISOString(), today: day };
  });
}
