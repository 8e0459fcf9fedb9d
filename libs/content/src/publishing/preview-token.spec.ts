import { signPreviewToken, verifyPreviewToken } from './preview-token.js';

describe('preview tokens', () => {
  const key = Buffer.from('k'.repeat(32));
  const id = '0b6d3f7e-1c2a-4f4e-9b1a-2f3c4d5e6f70';
  const later = new Date(Date.now() + 60_000);

  it('accepts a fresh token for its article only', () => {
    const token = signPreviewToken(key, id, later);
    expect(verifyPreviewToken(key, token, id)).toBe(true);
    expect(verifyPreviewToken(key, token, '1b6d3f7e-1c2a-4f4e-9b1a-2f3c4d5e6f70')).toBe(false);
  });

  it('refuses expired, tampered and forged tokens', () => {
    expect(verifyPreviewToken(key, signPreviewToken(key, id, new Date(Date.now() - 1000)), id)).toBe(false);
    const token = signPreviewToken(key, id, later);
    const [a, b, c] = token.split('.');
    expect(verifyPreviewToken(key, `${a}.${Number(b) + 3600}.${c}`, id)).toBe(false);
    expect(verifyPreviewToken(Buffer.from('x'.repeat(32)), token, id)).toBe(false);
    expect(verifyPreviewToken(key, 'garbage', id)).toBe(false);
    expect(verifyPreviewToken(key, `${id}.99999999999.${'A'.repeat(43)}`, id)).toBe(false);
  });
});
