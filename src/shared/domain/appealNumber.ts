// Recognising an appeal's number in what the operator typed, so a citizen who calls again with
// their number is found at once (issue 12). Two shapes exist:
//  - official, given by the server: `<center>-<year>-<at least 6 digits>`, e.g. 1551-2026-000002;
//  - provisional, given by the workstation before the server answers: `P-<tag>-<6 digits>`
//    (provisionalNumber.ts), e.g. P-7K3M-000002.
// Numbers are read out over the phone and typed back: case, spaces, other dashes and a Cyrillic
// letter typed for its Latin look-alike (Р for P, К for K ...) are forgiven.
import { DEVICE_TAG } from './provisionalNumber';

export type AppealNumberQuery = { kind: 'official' | 'provisional'; number: string };

// Cyrillic capitals that look like the Latin ones used in numbers and tags.
const LOOK_ALIKES: Record<string, string> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
};

const OFFICIAL = /^([0-9A-Z]{1,16})-(\d{4})-(\d{6,})$/;
const PROVISIONAL = /^P-([0-9A-Z]{4})-(\d{6,})$/;

/** The number the text is, or null when it is anything else (words, a phone, half a number). */
export function appealNumberOf(text: string): AppealNumberQuery | null {
  const folded = text
    .trim()
    .toUpperCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s*-\s*/g, '-')
    .replace(/[А-ЯЁ]/g, (c) => LOOK_ALIKES[c] ?? c);
  if (/\s/.test(folded)) return null;
  const provisional = PROVISIONAL.exec(folded);
  if (provisional && DEVICE_TAG.test(provisional[1]!)) return { kind: 'provisional', number: folded };
  if (provisional) return null;
  return OFFICIAL.test(folded) ? { kind: 'official', number: folded } : null;
}
