// What other parts of main may use of the appeal's lifecycle: acting, amending, the pending changes
// made here, and the history the server keeps.
export { actOnAppeal, amendAppeal, appealState, dismissPending } from './lifecycleService';
export { appealHistory } from './historyService';
