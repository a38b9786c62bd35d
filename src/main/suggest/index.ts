// What other parts of main may use of the suggestions: the service behind suggest:query.
export { createSuggestService, type LoadReport, type SuggestService } from './suggestService';
export { modelFileIn, readModelFile, type ModelState } from './modelFile';
