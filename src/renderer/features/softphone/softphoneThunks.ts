import type { AgentState } from '../../../shared/softphone';
import { createAppAsyncThunk } from '../../app/createAppThunk';
import {
  agentStatusFailed,
  agentStatusLoaded,
  configLoaded,
  screenPopFailed,
  screenPopLoaded,
  screenPopStarted,
} from './softphoneSlice';

export const loadSoftphoneConfig = createAppAsyncThunk(
  'softphone/loadConfig',
  async (_: void, { extra, dispatch }) => {
    const result = await extra.api.softphone.config({});
    if (result.ok) dispatch(configLoaded(result.value));
    else dispatch(configLoaded({ configured: false, reason: result.error.message }));
  },
);

export const loadAgentStatus = createAppAsyncThunk(
  'softphone/loadAgent',
  async (_: void, { extra, dispatch }) => {
    const result = await extra.api.agent.status({});
    if (result.ok) dispatch(agentStatusLoaded(result.value));
    else dispatch(agentStatusFailed(result.error.message));
  },
);

/** Every agent:set carries the SIP registration, which routing needs as much as the state. */
export const setAgentState = createAppAsyncThunk(
  'softphone/setAgent',
  async (state: AgentState, { extra, dispatch, getState }) => {
    const sipRegistered = getState().softphone.registration.state === 'registered';
    const result = await extra.api.agent.set({ state, sipRegistered });
    if (result.ok) dispatch(agentStatusLoaded(result.value));
    else dispatch(agentStatusFailed(result.error.message));
  },
);

/** The caller's earlier appeals and, from the latest one's address, open appeals at their building. */
export const screenPopFor = createAppAsyncThunk(
  'softphone/screenPop',
  async ({ callId, phone }: { callId: string; phone: string | null }, { extra, dispatch }) => {
    dispatch(screenPopStarted({ callId, phone }));
    if (!phone) return;
    const history = await extra.api.lookup.caller({ phone, limit: 20 });
    if (!history.ok) {
      dispatch(screenPopFailed({ callId }));
      return;
    }
    const { appeals, consultations } = history.value;
    const latest = [...appeals].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    let buildingAppeals: typeof appeals = [];
    let buildingAddress: string | null = null;
    if (latest) {
      const appeal = await extra.api.appeals.get({ id: latest.id });
      const address = appeal.ok ? appeal.value.applicant.address : null;
      if (address && address.street.trim() && address.building.trim()) {
        const { city, street, building } = address;
        const open = await extra.api.lookup.building({ address: { city, street, building }, limit: 20 });
        if (open.ok) {
          buildingAppeals = open.value.openAppeals;
          buildingAddress = latest.addressLine;
        }
      }
    }
    dispatch(screenPopLoaded({ callId, appeals, consultations, buildingAppeals, buildingAddress }));
  },
);
