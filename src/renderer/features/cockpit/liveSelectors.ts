import { createSelector } from '@reduxjs/toolkit';
import { selectConnection } from '../../app/appSlice';
import { selectSyncStatus } from '../sync/syncSlice';
import { selectFloor } from './floorSlice';

/**
 * Whether the cockpit's figures are live: main's live channel is up (`live`), this window reaches
 * main (the web host's socket), and the workstation reaches the server.
 */
export const selectCockpitLive = createSelector(
  [selectFloor, selectConnection, selectSyncStatus],
  (floor, connection, sync) =>
    floor.status === 'loaded' && floor.live && connection === 'connected' && (sync?.online ?? true),
);

/** The server cannot be reached from here: figures only the server has (a past day) cannot come. */
export const selectServerUnreachable = createSelector(
  [selectConnection, selectSyncStatus],
  (connection, sync) => connection !== 'connected' || (sync !== null && sync.configured && !sync.online),
);
