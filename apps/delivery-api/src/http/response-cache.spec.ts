import { type CachedResponse, cacheKey, ResponseCache } from './response-cache.js';

const entry = (): CachedResponse => ({ status: 200, body: Buffer.from('{}'), etag: '"e"', headers: {}, expires: Date.now() + 60_000 });

describe('cacheKey', () => {
  it.each([
    ['/content/v1/articles/%6eato-%7Aone', '/content/v1/articles/nato-zone'],
    ['/content/v1/articles/nato-zone?', '/content/v1/articles/nato-zone'],
    ['/content/v1/articles/nato-zone?locale=en&format=ninjs', '/content/v1/articles/nato-zone?format=ninjs&locale=en'],
    ['/content/v1/articles/nato-zone?format=ninjs&locale=%65n', '/content/v1/articles/nato-zone?format=ninjs&locale=en'],
    ['/content/v1/search?q=kosovo+patrols', '/content/v1/search?q=kosovo%20patrols'],
    ['/content/v1/articles?limit=5&&tag=nato&', '/content/v1/articles?limit=5&tag=nato'],
    ['/content/v1/articles/a%2fb', '/content/v1/articles/a%2Fb'],
  ])('%s and %s share one key', (a, b) => {
    expect(cacheKey(a)).toBe(cacheKey(b));
  });

  it.each([
    ['/content/v1/articles/a%2Fb', '/content/v1/articles/a/b'],
    ['/content/v1/articles?tag=a&tag=b', '/content/v1/articles?tag=b&tag=a'],
    ['/content/v1/search?q=a%26b', '/content/v1/search?q=a&b'],
    ['/content/v1/articles/nato', '/content/v1/articles/Nato'],
  ])('%s and %s stay apart', (a, b) => {
    expect(cacheKey(a)).not.toBe(cacheKey(b));
  });

  it('keeps a malformed escape as sent', () => {
    expect(cacheKey('/content/v1/articles?cursor=%%%')).toBe('/content/v1/articles?cursor=%%%');
  });
});

describe('ResponseCache', () => {
  it('keeps a response whose request began after the last clear', () => {
    const cache = new ResponseCache();
    const request = {};
    cache.begin(request, '/a');
    expect(cache.keep(request, entry())).toBe(true);
    expect(cache.get('/a')).toBeDefined();
  });

  it('does not keep a response whose request began before a clear: its reads may predate the change', () => {
    const cache = new ResponseCache();
    const request = {};
    cache.begin(request, '/a');
    cache.clear();
    expect(cache.keep(request, entry())).toBe(false);
    expect(cache.get('/a')).toBeUndefined();
    expect(cache.discarded).toBe(1);
  });

  it('keeps nothing for a request it never saw begin, or when disabled', () => {
    const cache = new ResponseCache();
    expect(cache.keep({}, entry())).toBe(false);
    const request = {};
    cache.begin(request, '/a');
    cache.configure(0);
    expect(cache.keep(request, entry())).toBe(false);
  });
});
