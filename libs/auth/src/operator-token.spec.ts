import { isOperatorToken } from './operator-token.js';

describe('isOperatorToken', () => {
  it('matches only the configured token, and nothing when none is configured', () => {
    expect(isOperatorToken('a-long-scrape-token', 'a-long-scrape-token')).toBe(true);
    expect(isOperatorToken('a-long-scrape-token', 'a-long-scrape-token ')).toBe(false);
    expect(isOperatorToken('a-long-scrape-token', 'a-long')).toBe(false);
    expect(isOperatorToken(undefined, 'anything')).toBe(false);
    expect(isOperatorToken('', '')).toBe(false);
  });
});
