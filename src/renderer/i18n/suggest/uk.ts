import type { enSuggest } from './en';

export const ukSuggest: Record<keyof typeof enSuggest, string> = {
  'suggest.categories': 'Запропоновані категорії',
  'suggest.executors': 'Запропоновані виконавці',
  'suggest.acceptHint': 'Alt+Enter обирає першу запропоновану категорію та її виконавця',
  'suggest.unavailable.missing':
    'Підказки недоступні: модель підказок не встановлено. Оберіть категорію й виконавця як звичайно.',
  'suggest.unavailable.corrupt':
    'Підказки недоступні: файл моделі підказок пошкоджено. Оберіть категорію й виконавця як звичайно.',
  'shortcuts.acceptSuggestion': 'Обрати першу запропоновану категорію та її виконавця',
};
