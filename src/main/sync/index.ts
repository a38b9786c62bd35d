// What other parts of main may use of sync: starting it (with sign-in) and its channels.
export { startSync, type SyncSetup } from './startSync';
export { syncHandlers, type SyncParts } from './syncHandlers';
