// GET list / one / history. Every read is audited per appeal: who saw which appeal, when. An
// executor account reads only its organisation's appeals; another's is answered as missing.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { localDateOf } from '../../shared/domain/localDate';
import { audit } from '../audit';
import type { AppContext } from '../context';
import { HttpError, notFound } from '../errors';
import { readHistory } from './history';
import { assignedTo, BadCursorError, getAppeal, listAppeals, type ReadScope } from './repository';
import { AppealIdParams, AppealListQuery } from './schemas';
import { organisationOf } from './scope';

export function appealRoutes(app: FastifyInstance, { pool, config }: AppContext): void {
  const scopeOf = (request: FastifyRequest): ReadScope => ({
    organisationId: organisationOf(request),
    today: localDateOf(new Date(), config.appeals.timeZone),
  });

  app.get('/api/v1/appeals', async (request) => {
    const query = AppealListQuery.parse(request.query);
    let page;
    try {
      page = await listAppeals(pool, query, scopeOf(request));
    } catch (error) {
      if (error instanceof BadCursorError) {
        throw new HttpError(400, 'invalid_input', error.message, {}, [
          { path: 'cursor', code: 'invalid_cursor', message: error.message },
        ]);
      }
      throw error;
    }
    // The search text may hold personal data, so only its presence is recorded.
    const { text, ...filters } = query;
    await audit(pool, {
      userId: request.user.id,
      action: 'appeal.list',
      appealIds: page.items.map((item) => item.id),
      details: { filters, text: text !== undefined },
    });
    return page;
  });

  app.get('/api/v1/appeals/:id', async (request) => {
    const { id } = AppealIdParams.parse(request.params);
    const appeal = await getAppeal(pool, id, organisationOf(request));
    if (!appeal) throw notFound(`No appeal ${id}`);
    await audit(pool, { userId: request.user.id, action: 'appeal.read', appealIds: [id] });
    return appeal;
  });

  app.get('/api/v1/appeals/:id/history', async (request) => {
    const { id } = AppealIdParams.parse(request.params);
    const exists = await pool.query(
      `SELECT 1 FROM appeals WHERE id = $1 AND ($2::text IS NULL OR ${assignedTo('$2')})`,
      [id, organisationOf(request)],
    );
    if (exists.rowCount === 0) throw notFound(`No appeal ${id}`);
    const entries = await readHistory(pool, id);
    await audit(pool, { userId: request.user.id, action: 'appeal.history_read', appealIds: [id] });
    return { complete: true, entries };
  });
}
