import { isWellFormedToken, newToken, tokenMatches } from './token';

describe('the web host token', () => {
  it('is random, URL-safe and long enough', () => {
    const a = newToken();
    const b = newToken();
    expect(a).not.toBe(b);
    expect(isWellFormedToken(a)).toBe(true);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
  });

  it('matches only the exact token', () => {
    const token = newToken();
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(token.slice(0, -1), token)).toBe(false);
    expect(tokenMatches(`${token}x`, token)).toBe(false);
    expect(tokenMatches('', token)).toBe(false);
    expect(tokenMatches(null, token)).toBe(false);
    expect(tokenMatches(undefined, token)).toBe(false);
  });

  it('refuses short or oddly shaped tokens chosen by a caller', () => {
    expect(isWellFormedToken('short')).toBe(false);
    expect(isWellFormedToken('a'.repeat(30) + ' ')).toBe(false);
    expect(isWellFormedToken('a'.repeat(30))).toBe(true);
  });
});
