import { describe, expect, it } from 'vitest';
import { appealNumberOf } from './appealNumber';

describe('an appeal number in what the operator typed', () => {
  it('recognises official and provisional numbers as the citizen reads them back', () => {
    expect(appealNumberOf('1551-2026-000002')).toEqual({ kind: 'official', number: '1551-2026-000002' });
    expect(appealNumberOf(' 1551 - 2026 – 000002 ')).toEqual({
      kind: 'official',
      number: '1551-2026-000002',
    });
    expect(appealNumberOf('1551-2026-1234567')).toEqual({ kind: 'official', number: '1551-2026-1234567' });
    expect(appealNumberOf('p-7k3m-000002')).toEqual({ kind: 'provisional', number: 'P-7K3M-000002' });
    // A Cyrillic Р and К typed for the Latin letters they look like.
    expect(appealNumberOf('Р-7К3М-000002')).toEqual({ kind: 'provisional', number: 'P-7K3M-000002' });
  });

  it('leaves words, phones and half numbers to the text search', () => {
    for (const text of [
      '',
      'опалення',
      '0671234567',
      '+380671234567',
      '1551-2026',
      '2026-000002',
      'Хрещатик 22',
    ]) {
      expect(appealNumberOf(text), text).toBeNull();
    }
    // Not a device tag: I, L, O and U are never in one.
    expect(appealNumberOf('P-OLIU-000002')).toBeNull();
    expect(appealNumberOf('1551-2026-00002')).toBeNull();
  });
});
