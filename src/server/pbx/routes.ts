// The PBX API (SIP_PATHS in src/shared/softphone/sipConfig.ts), called by Kamailio's http_client:
// plain-text answers it can put into a variable. The PBX token check comes from the route table.
import type { FastifyInstance } from 'fastify';
import { SIP_PATHS } from '../../shared/softphone/sipConfig';
import { PbxHa1Query } from '../agents/schemas';
import { lookupHa1 } from '../agents/sipCredentials';
import { staleSeconds } from '../agents/snapshots';
import type { AppContext } from '../context';
import { PbxQueueRouteQuery } from '../queue/schemas';
import type { QueueService } from '../queue/service';
import { reserveAgent } from './routing';

const TEXT = 'text/plain; charset=utf-8';

export function pbxRoutes(app: FastifyInstance, { pool, config }: AppContext, queue: QueueService): void {
  app.get(SIP_PATHS.pbxHa1, async (request, reply) => {
    const { username, realm } = PbxHa1Query.parse(request.query);
    const ha1 = await lookupHa1(pool, username, realm);
    if (!ha1) return reply.code(404).type(TEXT).send('No such SIP account');
    return reply.type(TEXT).send(ha1);
  });

  // A PBX that says where its caller waits (boot, ctl, tindex, tlabel) is answered from the queue
  // (queue/README.md): 200 operator, 202 position (suspend), 410 give up. One that does not is
  // an older PBX: the operator at once or 486, as before the queue.
  app.get(SIP_PATHS.pbxRoute, async (request, reply) => {
    const query = PbxQueueRouteQuery.parse(request.query);
    if (query.boot !== undefined) {
      const answer = await queue.route({
        queue: query.to,
        callId: query.callId,
        from: query.from,
        boot: query.boot,
        controlUrl: query.ctl!,
        tIndex: query.tindex!,
        tLabel: query.tlabel!,
        tried: query.tried ?? [],
        ...(query.arrived === undefined ? {} : { arrivedMs: query.arrived }),
      });
      return reply.code(answer.status).type(TEXT).send(answer.body);
    }
    const username = await reserveAgent(pool, query.callId, {
      reservationSeconds: config.reservationSeconds,
      staleSeconds: staleSeconds(config.live),
      tried: query.tried,
    });
    if (!username) return reply.code(486).type(TEXT).send('No operator available');
    return reply.type(TEXT).send(username);
  });
}
