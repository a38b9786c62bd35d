import type { enSuggest } from './en';

export const kkSuggest: Record<keyof typeof enSuggest, string> = {
  'suggest.categories': 'Ұсынылған санаттар',
  'suggest.executors': 'Ұсынылған орындаушылар',
  'suggest.acceptHint': 'Alt+Enter бірінші ұсынылған санатты және оның орындаушысын таңдайды',
  'suggest.unavailable.missing':
    'Ұсыныстар қолжетімсіз: ұсыныс моделі орнатылмаған. Санат пен орындаушыны әдеттегідей таңдаңыз.',
  'suggest.unavailable.corrupt':
    'Ұсыныстар қолжетімсіз: ұсыныс моделінің файлы бүлінген. Санат пен орындаушыны әдеттегідей таңдаңыз.',
  'shortcuts.acceptSuggestion': 'Бірінші ұсынылған санатты және оның орындаушысын таңдау',
};
