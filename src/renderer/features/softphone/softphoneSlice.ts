// Softphone state, one slice per concern under `state.softphone`: the line (registration and the
// adapter's errors), the current call and its record, the transfer's consultation leg, the screen
// pop, audio devices and the agent state main reports. All share the name `softphone`, so action
// types read `softphone/<event>`; actions are events from the adapter, the service or the operator.
import { combineReducers } from '@reduxjs/toolkit';
import { agentReducer } from './agentSlice';
import { currentCallReducer } from './callSlice';
import { devicesReducer } from './devicesSlice';
import { lineReducer } from './lineSlice';
import { screenPopReducer } from './screenPopSlice';
import { transferReducer } from './transferSlice';

export const softphoneReducer = combineReducers({
  line: lineReducer,
  current: currentCallReducer,
  consult: transferReducer,
  screenPop: screenPopReducer,
  devices: devicesReducer,
  agent: agentReducer,
});

export * from './lineSlice';
export * from './callSlice';
export * from './transferSlice';
export * from './screenPopSlice';
export * from './devicesSlice';
export * from './agentSlice';
