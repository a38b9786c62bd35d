// What other parts of main may use of appeals: the use-cases, the provisional-number tag, and the
// repository reads and writes that lookup and sync need, and the store as the suggestions' history.
export { checkRepeat, createAppeal, findAppeals, getAppealById } from './appealsService';
export { appealHistory } from './appealHistory';
export { deviceTag } from './deviceTag';
export {
  appealOfRecord,
  appealsByPhone,
  deleteAppeal,
  getAppeal,
  insertAppeal,
  openAppealsAtBuilding,
  replaceAppeal,
} from './appealsRepo';
