// What other parts of main may use of the live channel.
export { createLiveClient, type FloorMessage, type LiveClient } from './liveClient';
