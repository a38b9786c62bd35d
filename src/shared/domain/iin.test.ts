import { isValidIin } from './iin';

describe('isValidIin', () => {
  it.each([
    ['850315300128', 'a man born 15.03.1985'],
    ['901225401237', 'a woman born 25.12.1990'],
    ['010203500771', 'a man born 03.02.2001'],
    ['880514300705', 'a number whose check digit needs the second weight sequence'],
  ])('accepts %s (%s)', (iin) => {
    expect(isValidIin(iin)).toBe(true);
  });

  it('rejects a number whose last digit is not the check digit', () => {
    expect(isValidIin('850315300129')).toBe(false);
    expect(isValidIin('901225401230')).toBe(false);
  });

  it('rejects every number whose check digit comes out 10 under both weight sequences', () => {
    for (let last = 0; last <= 9; last++) expect(isValidIin(`88051430078${last}`)).toBe(false);
  });

  it.each([
    ['85031530012', 'eleven digits'],
    ['8503153001288', 'thirteen digits'],
    ['85031530012a', 'a letter'],
    ['850315 300128', 'a space'],
    ['', 'nothing'],
    ['851315300128', 'month 13'],
    ['850300300128', 'day 0'],
    ['850332300128', 'day 32'],
    ['850315000128', 'century digit 0'],
    ['850315700128', 'century digit 7'],
  ])('rejects %j (%s)', (iin) => {
    expect(isValidIin(iin)).toBe(false);
  });

  it('finds exactly one valid check digit for a valid body', () => {
    const valid = Array.from({ length: 10 }, (_, d) => `85031530012${d}`).filter(isValidIin);
    expect(valid).toEqual(['850315300128']);
  });
});
