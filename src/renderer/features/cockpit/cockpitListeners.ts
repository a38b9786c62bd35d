import { isAnyOf } from '@reduxjs/toolkit';
import { connectionChanged } from '../../app/appSlice';
import { viewOpened } from '../../app/navigationSlice';
import type { AppStartListening } from '../../app/store';
import { loadBacklog } from '../backlog/backlogSlice';
import { floorChanged, loadFloor } from './floorSlice';
import { loadDayMetrics, metricsDayChosen } from './metricsSlice';

export function addCockpitListeners(start: AppStartListening): void {
  // Opening the cockpit reads the floor, the day's figures and the backlog afresh.
  start({
    actionCreator: viewOpened,
    effect: async (action, listener) => {
      if (action.payload !== 'cockpit') return;
      await Promise.all([
        listener.dispatch(loadFloor()),
        listener.dispatch(loadDayMetrics(listener.getState().metrics.day)),
        listener.dispatch(loadBacklog()),
      ]);
    },
  });
  start({
    actionCreator: metricsDayChosen,
    effect: async (action, listener) => {
      await listener.dispatch(loadDayMetrics(action.payload));
    },
  });
  // The live channel is back (or this window's connection to main): catch up with a whole snapshot,
  // since the deltas missed while down are gone; and read the day's figures again if they could not
  // be read (right after sign-in the first request can go out before the workstation is online).
  start({
    matcher: isAnyOf(floorChanged, connectionChanged),
    effect: async (action, listener) => {
      const { floor } = listener.getState();
      if (floor.status === 'idle') return;
      const back =
        (floorChanged.match(action) && action.payload.change.kind === 'live' && action.payload.change.live) ||
        (connectionChanged.match(action) && action.payload === 'connected');
      if (!back) return;
      listener.cancelActiveListeners();
      await listener.delay(100);
      const { metrics } = listener.getState();
      await Promise.all([
        listener.dispatch(loadFloor()),
        metrics.status === 'failed' ? listener.dispatch(loadDayMetrics(metrics.day)) : null,
      ]);
    },
  });
}
