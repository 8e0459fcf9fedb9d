import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook must not reach unless allow-listed: "this" network,
 * private (RFC 1918, carrier-grade NAT, IPv6 unique-local), loopback,
 * link-local (which holds the cloud metadata endpoints 169.254.169.254 and
 * fd00:ec2::254), multicast and reserved ranges. IPv6 spellings of an IPv4
 * address (see embeddedIpv4) are judged as that IPv4 address; the local-use
 * NAT64 prefix 64:ff9b:1::/48 is refused whole, as where it carries the IPv4
 * address depends on the operator's prefix length.
 */
const FORBIDDEN = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b:1::', 48],
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv6');
}

/** Thrown when a URL or address is not allowed as a webhook target. */
export class WebhookTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookTargetError';
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The SSRF guard: only http(s) URLs whose host resolves to public addresses,
 * unless the host or address (or a CIDR containing it) is in the allow-list
 * (WEBHOOK_ALLOW_HOSTS). Used when a subscription is saved and again at
 * connect time (a DNS lookup hook), so a name re-pointed at an internal
 * address after it was saved is refused too.
 */
export class WebhookUrlGuard {
  private readonly hosts = new Set<string>();
  private readonly allowed = new BlockList();

  constructor(allowHosts: readonly string[]) {
    for (const entry of allowHosts.map((host) =>
      host
        .trim()
        .toLowerCase()
        .replace(/^\[|\]$/g, ''),
    )) {
      const [network, prefix] = entry.split('/');
      const family = isIP(network ?? '');
      if (family !== 0 && prefix !== undefined) {
        this.allowed.addSubnet(network!, Number(prefix), family === 6 ? 'ipv6' : 'ipv4');
      } else if (family !== 0) {
        this.allowed.addAddress(entry, family === 6 ? 'ipv6' : 'ipv4');
      } else {
        this.hosts.add(entry);
      }
    }
  }

  /** Parses and checks the URL's shape (no network); returns it parsed. */
  parse(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new WebhookTargetError('must be an absolute http or https URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WebhookTargetError('must be an http or https URL');
    if (url.username || url.password) throw new WebhookTargetError('must not carry credentials');
    return url;
  }

  /** Checks shape, resolves the host and checks every address it resolves to. */
  async check(raw: string): Promise<URL> {
    const url = this.parse(raw);
    const host = hostOf(url);
    if (this.hosts.has(host)) return url;
    const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolveAll(host);
    for (const { address } of addresses) this.assertAddress(host, address);
    return url;
  }

  /** Whether a resolved address may be connected to for this host name. */
  isAllowed(host: string, address: string): boolean {
    if (this.hosts.has(host.toLowerCase())) return true;
    const family = isIP(address);
    if (family === 0) return false;
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (this.allowed.check(address, type)) return true;
    const mapped = family === 6 ? embeddedIpv4(address) : undefined;
    if (mapped !== undefined) return this.isAllowed(host, mapped);
    return !FORBIDDEN.check(address, type);
  }

  /** A `lookup` for http.request that refuses forbidden addresses at connect time. */
  readonly lookup = (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (error, addresses) => {
      if (error) return callback(error, []);
      try {
        for (const { address } of addresses) this.assertAddress(hostname, address);
      } catch (refusal) {
        return callback(refusal as NodeJS.ErrnoException, []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new WebhookTargetError(`${hostname} does not resolve`), []);
      callback(null, first.address, first.family);
    });
  };

  private assertAddress(host: string, address: string): void {
    if (!this.isAllowed(host, address)) {
      throw new WebhookTargetError(`${host} resolves to ${address}, a private, loopback, link-local or reserved address (allow it with WEBHOOK_ALLOW_HOSTS)`);
    }
  }
}

function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
}

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(host, { all: true }, (error, addresses) => {
      if (error || addresses.length === 0) reject(new WebhookTargetError(`${host} does not resolve`));
      else resolve(addresses);
    });
  });
}

/**
 * The IPv4 address an IPv6 address stands for, if it is one of the forms
 * that embed one in its last 32 bits: IPv4-compatible (::/96, e.g.
 * `::127.0.0.1`, which URLs normalise to `::7f00:1`), IPv4-mapped
 * (::ffff:0:0/96), IPv4-translated (::ffff:0:0:0/96) and the well-known
 * NAT64 prefix (64:ff9b::/96). A stack or a translator may deliver any of
 * them to that IPv4 address, so each must pass the IPv4 rules.
 */
function embeddedIpv4(address: string): string | undefined {
  const groups = ipv6Groups(address);
  if (!groups) return undefined;
  const [a, b, c, d, e, f] = groups as [number, number, number, number, number, number];
  const zeroTo = (end: number) => groups.slice(0, end).every((group) => group === 0);
  const embeds =
    zeroTo(6) || // ::/96 (compatible; :: and ::1 too, which fall in 0.0.0.0/8)
    (zeroTo(5) && f === 0xffff) || // ::ffff:0:0/96 (mapped)
    (zeroTo(4) && e === 0xffff && f === 0) || // ::ffff:0:0:0/96 (translated)
    (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0); // 64:ff9b::/96 (NAT64)
  if (!embeds) return undefined;
  const high = groups[6]!;
  const low = groups[7]!;
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a dotted-quad tail folded in), or undefined. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (dotted) {
    const [w, x, y, z] = dotted.slice(1).map(Number) as [number, number, number, number];
    if ([w, x, y, z].some((octet) => octet > 255)) return undefined;
    text = `${text.slice(0, dotted.index)}${((w << 8) | x).toString(16)}:${((y << 8) | z).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return undefined;
  return groups.map((group) => parseInt(group, 16));
}
