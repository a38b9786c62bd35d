// What other parts of main may use of appeals: the use-cases, the provisional-number tag, and the
// repository reads and writes that lookup and sync need.
export { checkRepeat, createAppeal, findAppeals, getAppealById } from './appealsService';
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
