// What other parts of main may use of call records: the use-cases, and the current call that what
// is registered during it is linked to.
export { findCalls, getCallById, saveCall } from './callsService';
export { createCurrentCall, noCall, type CurrentCall, type LinkToCall } from './currentCall';
