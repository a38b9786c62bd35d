// English messages of the category and executor suggestions beside the intake form's pickers
// (issue 14). en.ts spreads them into the one key set.
export const enSuggest = {
  'suggest.categories': 'Suggested categories',
  'suggest.executors': 'Suggested executors',
  'suggest.acceptHint': 'Alt+Enter takes the first suggested category and its executor',
  'suggest.unavailable.missing':
    'Suggestions unavailable: the suggestion model is not installed. Choose the category and executor as usual.',
  'suggest.unavailable.corrupt':
    'Suggestions unavailable: the suggestion model file is damaged. Choose the category and executor as usual.',
  'shortcuts.acceptSuggestion': 'Take the first suggested category and its executor',
};
