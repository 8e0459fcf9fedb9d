import { type PreviewGrant, signPreviewToken, verifyPreviewToken } from './preview-token.js';

describe('preview tokens', () => {
  const key = Buffer.from('k'.repeat(32));
  const id = '0b6d3f7e-1c2a-4f4e-9b1a-2f3c4d5e6f70';
  const later = new Date(Date.now() + 60_000);
  const grant: PreviewGrant = { epoch: 3, issuer: { type: 'user', id: '9d3f3c1e-8a2b-4c5d-9e6f-7a8b9c0d1e2f' } };

  it('accepts a fresh token for its article only, and says which epoch and issuer it was issued under', () => {
    const token = signPreviewToken(key, id, later, grant);
    expect(verifyPreviewToken(key, token, id)).toEqual(grant);
    expect(verifyPreviewToken(key, token, '1b6d3f7e-1c2a-4f4e-9b1a-2f3c4d5e6f70')).toBeNull();
    for (const issuer of [{ type: 'api_token', id } as const, { type: 'system' } as const]) {
      expect(verifyPreviewToken(key, signPreviewToken(key, id, later, { epoch: 0, issuer }), id)).toEqual({ epoch: 0, issuer });
    }
  });

  it('refuses expired, tampered and forged tokens', () => {
    expect(verifyPreviewToken(key, signPreviewToken(key, id, new Date(Date.now() - 1000), grant), id)).toBeNull();
    const token = signPreviewToken(key, id, later, grant);
    const [a, expiry, epoch, issuer, signature] = token.split('.') as [string, string, string, string, string];
    for (const forged of [
      `${a}.${Number(expiry) + 3600}.${epoch}.${issuer}.${signature}`,
      // An old token cannot be moved to the article's current epoch, nor handed to another issuer.
      `${a}.${expiry}.${Number(epoch) + 1}.${issuer}.${signature}`,
      `${a}.${expiry}.${epoch}.s.${signature}`,
      `${a}.${expiry}.${epoch}.${issuer.replace('u', 't')}.${signature}`,
      `${a}.${expiry}.${signature}`,
      'garbage',
      `${id}.99999999999.0.s.${'A'.repeat(43)}`,
    ]) {
      expect(verifyPreviewToken(key, forged, id)).toBeNull();
    }
    expect(verifyPreviewToken(Buffer.from('x'.repeat(32)), token, id)).toBeNull();
  });
});
