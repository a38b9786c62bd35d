// GET /api/v1/agents and /api/v1/agents/history (team-lead views, reports), POST
// /api/v1/agents/:userId/state (a team lead's override) and POST /api/v1/sip/credentials (the
// softphone's account). Roles come from the route table.
import type { FastifyInstance } from 'fastify';
import { AgentOverrideInput } from '../../shared/queue/floor';
import { SIP_PATHS } from '../../shared/softphone/sipConfig';
import type { AppContext } from '../context';
import { HttpError } from '../errors';
import { agentHistory } from './history';
import { overrideAgentState } from './override';
import { AgentHistoryQuery, AgentIdParams, AGENT_PATHS, type AgentListResponse } from './schemas';
import { issueSipCredentials } from './sipCredentials';
import { listAgents, staleSeconds } from './snapshots';

export function agentRoutes(app: FastifyInstance, { pool, config }: AppContext): void {
  app.get(AGENT_PATHS.list, async (): Promise<AgentListResponse> => ({
    agents: await listAgents(pool, staleSeconds(config.live)),
  }));

  app.get(AGENT_PATHS.history, async (request) => agentHistory(pool, AgentHistoryQuery.parse(request.query)));

  app.post(AGENT_PATHS.override, async (request) => {
    const { userId } = AgentIdParams.parse(request.params);
    const input = AgentOverrideInput.parse(request.body);
    return overrideAgentState(pool, request.user, userId.toLowerCase(), input, staleSeconds(config.live));
  });

  app.post(SIP_PATHS.credentials, async (request) => {
    const { wsUri } = config.sip;
    if (!wsUri || !config.sip.domain) {
      throw new HttpError(
        404,
        'sip_not_configured',
        'This server has no PBX configured (SIP_WS_URI); the softphone is not available',
      );
    }
    const credentials = await issueSipCredentials(pool, request.user, request.auth!.sessionId, {
      ...config.sip,
      wsUri,
    });
    return credentials;
  });
}
