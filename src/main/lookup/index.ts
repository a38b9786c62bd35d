// What other parts of main may use of lookup: the caller's and the building's history.
export { lookupBuilding, lookupCaller } from './lookupService';
