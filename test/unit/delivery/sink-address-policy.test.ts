import { createSinkAddressPolicy } from '../../../functions/src/delivery/sink-address-policy';

describe('createSinkAddressPolicy without an allowlist', () => {
  const policy = createSinkAddressPolicy([]);

  it.each<[string, RegExp]>([
    ['127.0.0.1', /loopback/],
    ['127.255.255.254', /loopback/],
    ['10.0.0.1', /private/],
    ['172.16.0.1', /private/],
    ['172.31.255.255', /private/],
    ['192.168.1.1', /private/],
    ['169.254.169.254', /linkLocal/],
    ['100.64.0.1', /carrierGradeNat/],
    ['0.0.0.0', /unspecified/],
    ['255.255.255.255', /broadcast/],
    ['224.0.0.1', /multicast/],
    ['192.0.2.1', /reserved/],
    ['198.18.0.1', /reserved/],
    ['::', /unspecified/],
    ['::1', /loopback/],
    ['fc00::1', /uniqueLocal/],
    ['fd12:3456::1', /uniqueLocal/],
    ['fe80::1', /linkLocal/],
    ['ff02::1', /multicast/],
    ['::ffff:127.0.0.1', /127\.0\.0\.1 is in a loopback/],
    ['::ffff:10.0.0.1', /10\.0\.0\.1 is in a private/],
    ['::ffff:169.254.169.254', /linkLocal/],
    ['64:ff9b::a00:1', /rfc6052/],
    ['2002:a00:1::', /6to4/],
    ['2001:db8::1', /reserved/],
    // The deprecated IPv4-compatible range ::/96, in hex and dotted forms, whatever it carries.
    ['::a00:1', /not a global unicast/],
    ['::7f00:1', /not a global unicast/],
    ['::808:808', /not a global unicast/],
    ['::8.8.8.8', /not a global unicast/],
    ['::10.0.0.1', /not a global unicast/],
    ['::127.0.0.1', /not a global unicast/],
    ['0:0:0:0:0:0:7f00:1', /not a global unicast/],
    // Outside 2000::/3, which is all IANA allocates as global unicast.
    ['4000::1', /not a global unicast/],
    ['::1:0:0:1', /not a global unicast/],
    ['100::1', /discard/],
    ['fec0::1', /deprecatedSiteLocal/],
    ['::ffff:0:8.8.8.8', /rfc6145/],
  ])('refuses %s', (address, why) => {
    expect(policy.refusal(address)).toMatch(why);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '2607:f8b0::1',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
  ])('allows the public address %s', (address) => {
    expect(policy.refusal(address)).toBeUndefined();
  });

  it('refuses what is not an IP address', () => {
    expect(policy.refusal('localhost')).toMatch(/not an IP address/);
  });

  it('allowlists no host', () => {
    expect(policy.hostAllowed('localhost')).toBe(false);
    expect(policy.isAllowlisted('127.0.0.1')).toBe(false);
  });
});

describe('createSinkAddressPolicy with an allowlist', () => {
  const policy = createSinkAddressPolicy([
    '127.0.0.0/8',
    '10.1.2.3',
    'fd00::/8',
    'LocalHost',
    'sink.internal',
  ]);

  it.each<[string, boolean]>([
    ['127.0.0.1', true],
    ['127.9.9.9', true],
    ['::ffff:127.0.0.1', true],
    ['10.1.2.3', true],
    ['10.1.2.4', false],
    ['fd00::1', true],
    ['fc00::1', false],
    ['::1', false],
    ['169.254.169.254', false],
  ])('lets %s through: %s', (address, allowed) => {
    expect(policy.refusal(address) === undefined).toBe(allowed);
    expect(policy.isAllowlisted(address)).toBe(allowed);
  });

  it('still allows public addresses, which no allowlist names', () => {
    expect(policy.refusal('8.8.8.8')).toBeUndefined();
    expect(policy.isAllowlisted('8.8.8.8')).toBe(false);
  });

  it.each<[string, boolean]>([
    ['localhost', true],
    ['LOCALHOST', true],
    ['sink.internal', true],
    ['other.internal', false],
    ['127.0.0.1', false],
  ])('allowlists the host name %s: %s', (host, allowed) => {
    expect(policy.hostAllowed(host)).toBe(allowed);
  });
});
