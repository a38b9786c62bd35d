// GET /api/v1/executors (the directory with its contacts: workstations overlay them on the shipped
// reference data) and PUT /api/v1/executors/:id/contacts (admins only, by the route table), audited
// with the fields changed.
import type { FastifyInstance } from 'fastify';
import { audit } from '../audit';
import type { AppContext } from '../context';
import { withTransaction } from '../db/pool';
import { notFound } from '../errors';
import { listExecutors, updateContacts } from './repository';
import { ContactsBody, ExecutorIdParams } from './schemas';

export function executorRoutes(app: FastifyInstance, { pool }: AppContext): void {
  app.get('/api/v1/executors', async () => ({ executors: await listExecutors(pool) }));

  app.put('/api/v1/executors/:id/contacts', async (request) => {
    const { id } = ExecutorIdParams.parse(request.params);
    const contacts = ContactsBody.parse(request.body);
    return withTransaction(pool, async (client) => {
      const updated = await updateContacts(client, id, contacts, request.user.id);
      if (!updated) throw notFound(`No executor ${id}`);
      // Which fields changed, not their values: the log says who edited what, the table holds it.
      await audit(client, {
        userId: request.user.id,
        action: 'executor.contacts_update',
        details: { executorId: id, changed: updated.changed },
      });
      return updated.executor;
    });
  });
}
