// The answer term of a question type (Law 393/96-VR Art. 20): 15 days for questions that need no
// extra study, otherwise up to one month. The 1551 data does not say which is which, so this
// committed table decides from the type's name:
//  - `short` is for operational faults an executor can check and fix without a study, a budget or a
//    third party's decision: a utility outage or bad temperature, a stopped lift, missing lighting,
//    a burst pipe or leak, an open manhole, uncleaned premises or streets, snow and ice, pests;
//  - everything else stays `standard` (the general one-month term), and so does any type that also
//    names money, construction, installation of something new, replacement or a schedule, because
//    those need calculations, funding or planning even when the word "відсутність" appears.
// The first matching rule wins; no match means `standard`, the law's general term.
import type { TermKind } from '../../src/shared/domain/deadlines';
import { normaliseName } from './groupRules';

export interface TermRule {
  term: TermKind;
  keywords: string[];
}

export const termRules: TermRule[] = [
  {
    term: 'standard',
    keywords: [
      'перерахун',
      'нарахуван',
      'борг',
      'тариф',
      'будівництв',
      'реконструкц',
      'модернізац',
      'капітальн',
      'встановлення',
      'заміни',
      'не передбачено',
      'графік',
      'подяк',
      'пропозиці',
      'компенсац',
      'вночі',
      'нічні години',
      'ремонт',
      'відселення',
      'відновлення благоустрою',
      'зовнішнього вигляду',
      'введення в експлуатацію',
      'реклам',
      'художньо',
      'аварійних служб',
      'встановити',
      'стаж',
    ],
  },
  {
    term: 'short',
    keywords: [
      'відсутн',
      'перебої',
      'коливання напруги',
      'незадовільна температура',
      'недостатній тиск',
      'зниження тиску',
      'не працює',
      'несправн',
      'ліфт',
      'освітлен',
      'лампоч',
      'плафон',
      'перемикач',
      'прибиран',
      'вивіз сміття',
      'вивезення',
      'сміттєзвалищ',
      'санітарний стан',
      'снігу',
      'льодян',
      'бурульок',
      'насипу',
      'порив труб',
      'виток',
      'витік',
      'залиття',
      'люк',
      'решіт',
      'світлофор',
      'аварійн',
      'дезінсекц',
      'дератизац',
      'дезінфекц',
    ],
  },
];

export function termOf(typeName: string, rules: readonly TermRule[] = termRules): TermKind {
  const name = normaliseName(typeName);
  for (const rule of rules) if (rule.keywords.some((k) => name.includes(k))) return rule.term;
  return 'standard';
}
