// What other parts of main may use of work lists: the use-cases behind the worklists:* channels.
export { backlog, listWorkList, workListCounts } from './worklistsService';
