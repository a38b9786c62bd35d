// The queue's HTTP routes: the PBX's events (GET /api/v1/pbx/queue/event, PBX token) and the
// queue now for team leads, admins and analysts (GET /api/v1/queue/now). Access comes from the
// route table; the PBX's route query is answered in pbx/routes.ts.
import type { FastifyInstance } from 'fastify';
import { METRICS_PATHS } from '../../shared/queue/metrics';
import { PbxQueueEventQuery, QUEUE_PATHS } from './schemas';
import type { QueueService } from './service';

export function queueRoutes(app: FastifyInstance, queue: QueueService): void {
  app.get(QUEUE_PATHS.pbxEvent, async (request, reply) => {
    await queue.event(PbxQueueEventQuery.parse(request.query));
    return reply.code(204).send();
  });

  app.get(METRICS_PATHS.now, async () => queue.snapshot());
}
