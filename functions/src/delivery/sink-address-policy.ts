// Which addresses a sink may resolve to: global unicast only. Private,
// loopback, link-local, unique-local, multicast, unspecified, metadata and
// every other special-purpose address is refused unless the operator
// allowlists it; checked at registration and again on the address actually
// connected to, so DNS rebinding cannot get around it. For IPv6 that means
// inside 2000::/3 (the only range IANA allocates as global unicast) and in no
// special range of it; an IPv4-mapped address (::ffff:a.b.c.d) is judged by
// the IPv4 address it carries, and the deprecated IPv4-compatible form (::/96,
// ::a.b.c.d) is refused whatever it carries.
import ipaddr from 'ipaddr.js';

const REFUSED_RANGES = new Set([
  'unspecified',
  'broadcast',
  'multicast',
  'linkLocal',
  'loopback',
  'carrierGradeNat',
  'private',
  'reserved',
  'uniqueLocal',
  'ipv4Mapped',
  'rfc6145',
  'rfc6052',
  '6to4',
  'teredo',
  'benchmarking',
  'amt',
  'as112',
  'as112v6',
  'orchid2',
  'droneRemoteIdProtocolEntityTags',
  'deprecatedOrchid',
  'deprecatedSiteLocal',
  'segmentRouting',
  'discard',
]);

export interface SinkAddressPolicy {
  /** Undefined when the address may be used, else why not. */
  refusal(address: string): string | undefined;
  /** Hosts (names) that are allowlisted as they are, e.g. "localhost". */
  hostAllowed(host: string): boolean;
  /** True for an IP address inside an allowlisted range. */
  isAllowlisted(address: string): boolean;
}

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * The address as the WHATWG URL parser reads an IPv6 host: ipaddr.js takes
 * `::a.b.c.d` (IPv4-compatible) for `::ffff:a.b.c.d` (IPv4-mapped), which
 * would judge the wrong address. Node and the URL parser agree with RFC 4291.
 */
function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  if (!address.includes(':')) return ipaddr.parse(address);
  return ipaddr.parse(new URL(`http://[${address}]/`).hostname.slice(1, -1));
}

export function createSinkAddressPolicy(allowlist: readonly string[]): SinkAddressPolicy {
  const cidrs: Cidr[] = [];
  const hosts = new Set<string>();
  for (const entry of allowlist) {
    if (entry.includes('/')) cidrs.push(ipaddr.parseCIDR(entry));
    else if (ipaddr.isValid(entry)) {
      const addr = ipaddr.parse(entry);
      cidrs.push([addr, addr.kind() === 'ipv4' ? 32 : 128]);
    } else hosts.add(entry.toLowerCase());
  }

  const allowlisted = (addr: ipaddr.IPv4 | ipaddr.IPv6): boolean =>
    cidrs.some(([range, bits]) => range.kind() === addr.kind() && addr.match(range, bits));

  return {
    refusal(address) {
      if (!ipaddr.isValid(address)) return `"${address}" is not an IP address`;
      let addr = parseAddress(address);
      // ::ffff:10.0.0.1 reaches 10.0.0.1: judge the IPv4 address it carries.
      if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
        addr = (addr as ipaddr.IPv6).toIPv4Address();
      }
      if (allowlisted(addr)) return undefined;
      const range = addr.range();
      if (REFUSED_RANGES.has(range)) return `address ${addr.toString()} is in a ${range} range`;
      if (range !== 'unicast') return `address ${addr.toString()} is not a global unicast address (${range})`;
      if (addr.kind() === 'ipv6' && !addr.match(GLOBAL_UNICAST_V6)) {
        return `address ${addr.toString()} is not a global unicast address`;
      }
      return undefined;
    },
    hostAllowed: (host) => hosts.has(host.toLowerCase()),
    isAllowlisted: (address) => {
      if (!ipaddr.isValid(address)) return false;
      const addr = parseAddress(address);
      return allowlisted(
        addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()
          ? (addr as ipaddr.IPv6).toIPv4Address()
          : addr,
      );
    },
  };
}
