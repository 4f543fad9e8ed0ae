// With no allowlist (production's default), sinks that reach loopback,
// private, link-local, unique-local, multicast, unspecified or metadata
// addresses are refused at registration, whatever form the address takes,
// and so is plain http.
import { leftBehind } from '../support/leftovers';
import { callApi, closePubsub, uniqueName } from '../support/stack';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ EVENTQ_SINK_ALLOWLIST: '' });
});

afterAll(async () => {
  await Promise.all([api.close(), closePubsub()]);
});

const refused: Array<[string, string, RegExp]> = [
  ['loopback in short form', 'https://127.1/hook', /loopback/],
  ['loopback as one decimal number', 'https://2130706433/hook', /loopback/],
  ['loopback in hex', 'https://0x7f.0.0.1/hook', /loopback/],
  ['loopback as an IPv4-mapped IPv6 address', 'https://[::ffff:127.0.0.1]/hook', /loopback/],
  ['IPv6 loopback', 'https://[::1]/hook', /loopback/],
  ['a private 10.x address', 'https://10.0.0.7/hook', /private/],
  ['a private 192.168.x address', 'https://192.168.1.1/hook', /private/],
  ['a private 172.16.x address', 'https://172.16.5.4/hook', /private/],
  ['the metadata server', 'https://169.254.169.254/computeMetadata/v1/', /linkLocal/],
  ['a unique-local IPv6 address', 'https://[fd00::1]/hook', /uniqueLocal/],
  ['loopback in the IPv4-compatible IPv6 form, dotted', 'https://[::127.0.0.1]/hook', /not a global unicast/],
  [
    'a private address in the IPv4-compatible IPv6 form, hex',
    'https://[::a00:7]/hook',
    /not a global unicast/,
  ],
  ['a multicast address', 'https://224.0.0.1/hook', /multicast/],
  ['the unspecified address', 'https://0.0.0.0/hook', /unspecified/],
  [
    'a name that resolves to loopback, without naming the address',
    'https://localhost/hook',
    /^sink: the host localhost resolves to an address eventq does not deliver to$/,
  ],
  ['plain http to a public host', 'http://hooks.example.com/hook', /plain http/],
];

test.each(refused)('%s is refused with 422 ERR_SINK_REFUSED', async (_what, sink, why) => {
  const name = uniqueName('ssrf');
  const answer = await callApi('POST', '/v1/queues', {
    baseUrl: api.url,
    body: { name, kind: 'push', sink },
  });
  expect(answer.status).toBe(422);
  expect(answer.body.code).toBe('ERR_SINK_REFUSED');
  expect(answer.body.detail).toMatch(why);
  expect(await leftBehind('acme', name)).toEqual([]);
});
