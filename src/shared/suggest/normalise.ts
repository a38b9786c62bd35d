// Text normalisation for Ukrainian/Russian appeal texts typed in a hurry: one spelling per word
// whatever the keyboard layout, apostrophe or case the caller's words were typed with.

/** Latin letters that look like Cyrillic ones: typed by mistake on the wrong layout inside a word. */
const LOOK_ALIKES: Record<string, string> = {
  a: 'а',
  c: 'с',
  e: 'е',
  i: 'і',
  k: 'к',
  m: 'м',
  h: 'н',
  o: 'о',
  p: 'р',
  t: 'т',
  x: 'х',
  y: 'у',
  b: 'в',
};

const CYRILLIC = /[\u0400-\u04ff]/;
const LATIN = /[a-z]/;
/** Letters and digits; apostrophes (all the ways they get typed) are removed before splitting. */
const TOKEN = /[\p{L}\p{N}]+/gu;
const APOSTROPHES = /['’ʼ`‘´ʹ′]/g;

/** Lower case, ё -> е, apostrophes dropped (м'ясо, мʼясо and мясо are one word). */
export function normaliseText(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е').replace(APOSTROPHES, '');
}

function fixLookAlikes(token: string): string {
  if (!CYRILLIC.test(token) || !LATIN.test(token)) return token;
  let fixed = '';
  for (const ch of token) fixed += LOOK_ALIKES[ch] ?? ch;
  return fixed;
}

/** Words of a text, normalised; numbers longer than 4 digits (phones, ids) are dropped as noise. */
export function tokenise(text: string, maxChars = Infinity): string[] {
  const source = text.length > maxChars ? text.slice(0, maxChars) : text;
  const tokens: string[] = [];
  for (const match of normaliseText(source).matchAll(TOKEN)) {
    const token = fixLookAlikes(match[0]);
    if (/^\d+$/.test(token) && token.length > 4) continue;
    tokens.push(token);
  }
  return tokens;
}

/** A crude stem: Ukrainian and Russian inflect at the end, so the first letters carry the lemma. */
export const STEM_LENGTH = 5;
export const stemOf = (token: string): string =>
  token.length > STEM_LENGTH ? token.slice(0, STEM_LENGTH) : token;
