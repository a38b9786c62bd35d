// One handler per contract channel (TypeScript rejects a missing one). Each calls a service with
// input the hosts' dispatcher has already checked (src/main/ipc/dispatch.ts) and returns a Result;
// core/guarded.ts turns store failures into values.
import type { Handlers } from '../shared/ipc/api';
import type { AppInfo } from '../shared/ipc/contract';
import { fail, ok } from '../shared/result';
import { checkRepeat, createAppeal, findAppeals, getAppealById } from './appeals';
import { createConsultation, findConsultations } from './consultations';
import type { ServiceContext } from './core/context';
import { lookupBuilding, lookupCaller } from './lookup';
import { getSettings, updateSettings } from './settings';
import { guarded, guardedAsync } from './core/guarded';
import { syncHandlers, type SyncParts } from './sync';
import { createCurrentCall, findCalls, getCallById } from './calls';
import type { TelephonyParts } from './softphone';
import { createExecutorsService } from './executors';
import { actOnAppeal, amendAppeal, appealHistory, appealState, dismissPending } from './lifecycle';
import { backlog, listWorkList, workListCounts } from './worklists';
import { dayMetrics, floorSnapshot, setAgentState } from './floor';
import {
  actOnIncident,
  incidentDetail,
  incidentsNear,
  linkAppeal,
  openIncidents,
  type IncidentsPart,
} from './incidents';
import type { SuggestService } from './suggest';

export function createHandlers(
  ctx: ServiceContext,
  info: AppInfo,
  sync: SyncParts | null,
  telephony: Pick<TelephonyParts, 'softphone' | 'agent' | 'floor'>,
  incidents: Pick<IncidentsPart, 'holder' | 'links'>,
  suggestions: SuggestService,
): Handlers {
  const file = ctx.storeFile;
  // What is registered during a call (or its wrap-up) is linked to it here, in main.
  const currentCall = createCurrentCall(ctx, () => telephony.agent.status().state);
  const executors = createExecutorsService(ctx);
  return {
    'app:info': guarded('app:info', file, () => ok(info)),
    'settings:get': guarded('settings:get', file, () => getSettings(ctx)),
    'settings:update': guarded('settings:update', file, (patch) => updateSettings(ctx, patch)),
    'appeals:create': guarded('appeals:create', file, (draft) => createAppeal(ctx, draft, currentCall.link)),
    'appeals:get': guarded('appeals:get', file, ({ id }) => getAppealById(ctx, id)),
    'appeals:list': guarded('appeals:list', file, (query) => findAppeals(ctx, query)),
    'appeals:checkRepeat': guarded('appeals:checkRepeat', file, (probe) => checkRepeat(ctx, probe)),
    'appeals:state': guarded('appeals:state', file, ({ id }) => appealState(ctx, id)),
    'appeals:act': guarded('appeals:act', file, (input) => actOnAppeal(ctx, input)),
    'appeals:amend': guarded('appeals:amend', file, (input) => amendAppeal(ctx, input)),
    'appeals:history': guardedAsync('appeals:history', file, ({ id }) => appealHistory(ctx, id)),
    'appeals:dismissPending': guarded('appeals:dismissPending', file, ({ mutationId }) =>
      dismissPending(ctx, mutationId),
    ),
    'worklists:list': guarded('worklists:list', file, (query) => listWorkList(ctx, query)),
    'worklists:counts': guarded('worklists:counts', file, () => workListCounts(ctx)),
    'worklists:backlog': guarded('worklists:backlog', file, () => backlog(ctx)),
    'lookup:caller': guarded('lookup:caller', file, ({ phone, limit }) => lookupCaller(ctx, phone, limit)),
    'lookup:building': guarded('lookup:building', file, ({ address, limit }) =>
      lookupBuilding(ctx, address, limit),
    ),
    'consultations:create': guarded('consultations:create', file, (draft) =>
      createConsultation(ctx, draft, currentCall.link),
    ),
    'consultations:list': guarded('consultations:list', file, ({ limit, cursor }) =>
      findConsultations(ctx, limit, cursor),
    ),
    'reference:classifier': guarded('reference:classifier', file, () => ok(ctx.reference.classifier)),
    'reference:executors': guardedAsync('reference:executors', file, () => executors.directory()),
    'reference:updateExecutor': guardedAsync('reference:updateExecutor', file, ({ id, contacts }) =>
      executors.updateContacts(id, contacts),
    ),
    'scripts:get': guarded('scripts:get', file, ({ id }) => {
      const script = ctx.reference.scripts.get(id);
      return script ? ok(script) : fail('not_found', `No call script "${id}"`);
    }),
    ...syncHandlers(sync),
    'softphone:config': guarded('softphone:config', file, () => ok(telephony.softphone.config())),
    'calls:save': guarded('calls:save', file, (call) => currentCall.save(call)),
    'calls:get': guarded('calls:get', file, ({ id }) => getCallById(ctx, id)),
    'calls:list': guarded('calls:list', file, ({ limit, cursor }) => findCalls(ctx, limit, cursor)),
    'agent:status': guarded('agent:status', file, () => ok(telephony.agent.status())),
    'agent:set': guarded('agent:set', file, (input) => telephony.agent.set(input)),
    'floor:snapshot': guarded('floor:snapshot', file, () => floorSnapshot(ctx, telephony.floor)),
    'floor:setAgentState': guardedAsync('floor:setAgentState', file, (input) => setAgentState(ctx, input)),
    'metrics:day': guardedAsync('metrics:day', file, (query) => dayMetrics(ctx, query)),
    'incidents:near': guardedAsync('incidents:near', file, (input) => incidentsNear(ctx, input)),
    'incidents:open': guardedAsync('incidents:open', file, () => openIncidents(ctx, incidents.holder)),
    'incidents:get': guardedAsync('incidents:get', file, ({ id }) => incidentDetail(ctx, id)),
    'incidents:link': guardedAsync('incidents:link', file, (link) => linkAppeal(ctx, incidents.links, link)),
    'incidents:act': guardedAsync('incidents:act', file, (input) =>
      actOnIncident(ctx, incidents.holder, input),
    ),
    'suggest:query': guardedAsync('suggest:query', file, (query) => suggestions.query(query)),
  };
}
