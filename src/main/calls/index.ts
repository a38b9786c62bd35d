// What other parts of main may use of call records.
export { findCalls, getCallById, saveCall } from './callsService';
