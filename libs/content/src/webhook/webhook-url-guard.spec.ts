import { WebhookTargetError, WebhookUrlGuard } from './webhook-url-guard.js';

describe('webhook SSRF guard', () => {
  const guard = new WebhookUrlGuard([]);

  it.each([
    '127.0.0.1',
    '127.9.9.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.100.100.200',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fd00:ec2::254',
    'fc00::1',
    '::ffff:127.0.0.1',
    '::ffff:a9fe:a9fe',
  ])('refuses %s', (address) => {
    expect(guard.isAllowed('example.test', address)).toBe(false);
  });

  it.each(['93.184.215.14', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '::ffff:0:8.8.8.8', '64:ff9b::808:808'])(
    'accepts the public address %s',
    (address) => {
      expect(guard.isAllowed('example.test', address)).toBe(true);
    },
  );

  // IPv6 spellings that carry a refused IPv4 address: IPv4-compatible (::/96), IPv4-mapped (::ffff:0:0/96),
  // IPv4-translated (::ffff:0:0:0/96) and NAT64 (64:ff9b::/96, local-use 64:ff9b:1::/48).
  it.each([
    '::127.0.0.1',
    '::7f00:1',
    '::a9fe:a9fe',
    '::10.0.0.1',
    '::ffff:0:127.0.0.1',
    '::ffff:0:7f00:1',
    '::ffff:0:a9fe:a9fe',
    '64:ff9b::127.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '64:ff9b:1::127.0.0.1',
    '64:ff9b:1::7f00:1',
    '64:ff9b:1:7f00:1::',
    '0000:0000:0000:0000:0000:0000:7f00:0001',
  ])('refuses %s, an IPv6 spelling of a refused IPv4 address', (address) => {
    expect(guard.isAllowed('example.test', address)).toBe(false);
  });

  it.each(['http://[::127.0.0.1]/hook', 'http://[::ffff:0:127.0.0.1]/hook', 'http://[64:ff9b:1::127.0.0.1]/hook', 'http://[64:ff9b::169.254.169.254]/'])(
    'refuses the URL %s when a subscription is saved',
    async (url) => {
      await expect(guard.check(url)).rejects.toThrow(WebhookTargetError);
    },
  );

  it.each(['::7f00:1', '::ffff:0:7f00:1', '64:ff9b:1::7f00:1'])('refuses %s at connect time (the lookup hook)', async (address) => {
    // dns.lookup of an address literal answers the literal itself: the hook sees exactly this address.
    const error = await new Promise((resolve) => guard.lookup(address, { all: true }, (failure) => resolve(failure)));
    expect(error).toBeInstanceOf(WebhookTargetError);
  });

  it('still lets an allow-listed IPv4 network through in its IPv6 spellings, and nothing else', () => {
    const open = new WebhookUrlGuard(['127.0.0.0/8']);
    expect(open.isAllowed('x', '::ffff:0:127.0.0.1')).toBe(true);
    expect(open.isAllowed('x', '::ffff:0:10.0.0.1')).toBe(false);
  });

  it('refuses URLs that are not http(s) or carry credentials', () => {
    expect(() => guard.parse('ftp://example.com/')).toThrow(WebhookTargetError);
    expect(() => guard.parse('file:///etc/passwd')).toThrow(WebhookTargetError);
    expect(() => guard.parse('not a url')).toThrow(WebhookTargetError);
    expect(() => guard.parse('https://user:pw@example.com/')).toThrow(WebhookTargetError);
    expect(guard.parse('https://example.com/hook').hostname).toBe('example.com');
  });

  it('refuses loopback literals and names resolving to loopback', async () => {
    await expect(guard.check('http://127.0.0.1:8080/hook')).rejects.toThrow(/WEBHOOK_ALLOW_HOSTS/);
    await expect(guard.check('http://[::1]/hook')).rejects.toThrow(WebhookTargetError);
    await expect(guard.check('http://localhost/hook')).rejects.toThrow(WebhookTargetError);
    await expect(guard.check('http://169.254.169.254/latest/meta-data')).rejects.toThrow(WebhookTargetError);
  });

  it('lets the allow-list open a host, an address or a network', async () => {
    await expect(new WebhookUrlGuard(['127.0.0.1']).check('http://127.0.0.1:8080/hook')).resolves.toBeInstanceOf(URL);
    await expect(new WebhookUrlGuard(['LocalHost']).check('http://localhost:8080/hook')).resolves.toBeInstanceOf(URL);
    expect(new WebhookUrlGuard(['10.0.0.0/8']).isAllowed('internal.example', '10.20.30.40')).toBe(true);
    expect(new WebhookUrlGuard(['10.0.0.0/8']).isAllowed('internal.example', '192.168.0.1')).toBe(false);
    expect(new WebhookUrlGuard(['::1']).isAllowed('x', '::1')).toBe(true);
  });
});
