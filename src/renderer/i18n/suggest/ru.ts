import type { enSuggest } from './en';

export const ruSuggest: Record<keyof typeof enSuggest, string> = {
  'suggest.categories': 'Предлагаемые категории',
  'suggest.executors': 'Предлагаемые исполнители',
  'suggest.acceptHint': 'Alt+Enter выбирает первую предложенную категорию и её исполнителя',
  'suggest.unavailable.missing':
    'Подсказки недоступны: модель подсказок не установлена. Выберите категорию и исполнителя как обычно.',
  'suggest.unavailable.corrupt':
    'Подсказки недоступны: файл модели подсказок повреждён. Выберите категорию и исполнителя как обычно.',
  'shortcuts.acceptSuggestion': 'Выбрать первую предложенную категорию и её исполнителя',
};
