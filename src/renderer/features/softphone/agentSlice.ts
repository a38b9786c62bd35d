// The agent state main reports (available, ringing, on call, wrap-up, break) and the wrap-up
// length: main owns the wrap-up timer, the pane only shows it and asks for changes.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { AgentOverride } from '../../../shared/queue/floor';
import type { AgentStatus } from '../../../shared/softphone';
import type { RootState } from '../../app/store';
import { configLoaded } from './lineSlice';

export interface AgentSliceState {
  status: AgentStatus | null;
  error: string | null;
  /** Seconds of wrap-up after an answered call: from the SIP credentials, then from main's status. */
  wrapUpSeconds: number;
  /** A team lead set this operator's state (issue 13): shown until the operator closes it. */
  override: AgentOverride | null;
}

const initialState: AgentSliceState = { status: null, error: null, wrapUpSeconds: 0, override: null };

const slice = createSlice({
  // Every softphone slice shares the name: action types stay `softphone/<event>`.
  name: 'softphone',
  initialState,
  reducers: {
    agentStatusLoaded(state, action: PayloadAction<AgentStatus>) {
      state.status = action.payload;
      state.error = null;
      state.wrapUpSeconds = action.payload.wrapUpSeconds;
    },
    agentStatusFailed(state, action: PayloadAction<string>) {
      state.error = action.payload;
    },
    agentOverrideAnnounced(state, action: PayloadAction<AgentOverride>) {
      state.override = action.payload;
    },
    agentOverrideDismissed(state) {
      state.override = null;
    },
  },
  extraReducers: (builder) => {
    builder.addCase(configLoaded, (state, action) => {
      if (action.payload.configured) state.wrapUpSeconds = action.payload.sip.wrapUpSeconds;
    });
  },
});

export const { agentStatusLoaded, agentStatusFailed, agentOverrideAnnounced, agentOverrideDismissed } =
  slice.actions;
export const agentReducer = slice.reducer;

export const selectAgent = (s: RootState) => s.softphone.agent.status;
export const selectAgentError = (s: RootState) => s.softphone.agent.error;
export const selectWrapUpSeconds = (s: RootState) => s.softphone.agent.wrapUpSeconds;
export const selectAgentOverride = (s: RootState) => s.softphone.agent.override;
