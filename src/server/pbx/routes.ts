// The PBX API (SIP_PATHS in src/shared/softphone/sipConfig.ts), called by Kamailio's http_client:
// plain-text answers it can put into a variable. The PBX token check comes from the route table.
import type { FastifyInstance } from 'fastify';
import { SIP_PATHS } from '../../shared/softphone/sipConfig';
import { PbxHa1Query, PbxRouteQuery } from '../agents/schemas';
import { lookupHa1 } from '../agents/sipCredentials';
import { staleSeconds } from '../agents/snapshots';
import type { AppContext } from '../context';
import { reserveAgent } from './routing';

const TEXT = 'text/plain; charset=utf-8';

export function pbxRoutes(app: FastifyInstance, { pool, config }: AppContext): void {
  app.get(SIP_PATHS.pbxHa1, async (request, reply) => {
    const { username, realm } = PbxHa1Query.parse(request.query);
    const ha1 = await lookupHa1(pool, username, realm);
    if (!ha1) return reply.code(404).type(TEXT).send('No such SIP account');
    return reply.type(TEXT).send(ha1);
  });

  app.get(SIP_PATHS.pbxRoute, async (request, reply) => {
    const { callId, tried } = PbxRouteQuery.parse(request.query);
    const username = await reserveAgent(pool, callId, {
      reservationSeconds: config.reservationSeconds,
      staleSeconds: staleSeconds(config.live),
      tried,
    });
    if (!username) return reply.code(486).type(TEXT).send('No operator available');
    return reply.type(TEXT).send(username);
  });
}
