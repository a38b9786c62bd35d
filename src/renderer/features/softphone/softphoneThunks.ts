import type { AgentStateRequest } from '../../../shared/softphone';
import { createAppAsyncThunk } from '../../app/createAppThunk';
import { agentStatusFailed, agentStatusLoaded, configLoaded } from './softphoneSlice';

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
  async (state: AgentStateRequest, { extra, dispatch, getState }) => {
    const sipRegistered = getState().softphone.line.registration.state === 'registered';
    const result = await extra.api.agent.set({ state, sipRegistered });
    if (result.ok) dispatch(agentStatusLoaded(result.value));
    else dispatch(agentStatusFailed(result.error.message));
  },
);
