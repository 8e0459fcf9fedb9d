import { createHmac } from 'node:crypto';
import { newWebhookSecret, signWebhookBody, verifyWebhookSignature } from './webhook-signature.js';

describe('webhook signatures', () => {
  it('is the hex HMAC-SHA256 of the raw body under the secret', () => {
    const body = '{"id":"e1","type":"ping"}';
    const expected = createHmac('sha256', 'topsecret').update(body).digest('hex');
    expect(signWebhookBody('topsecret', body)).toBe(`sha256=${expected}`);
    expect(verifyWebhookSignature('topsecret', body, `sha256=${expected}`)).toBe(true);
  });

  it('rejects another secret, a changed body, or no header', () => {
    const body = '{"a":1}';
    const signature = signWebhookBody('one', body);
    expect(verifyWebhookSignature('two', body, signature)).toBe(false);
    expect(verifyWebhookSignature('one', '{"a":2}', signature)).toBe(false);
    expect(verifyWebhookSignature('one', body, undefined)).toBe(false);
    expect(verifyWebhookSignature('one', body, 'sha256=')).toBe(false);
  });

  it('generates distinct, long secrets', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
