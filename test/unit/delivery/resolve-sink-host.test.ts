import dgram from 'node:dgram';
import { lookup } from 'node:dns/promises';
import type { AddressInfo } from 'node:net';
import { createSinkPoster } from '../../../functions/src/delivery/post-to-sink';
import {
  createSinkHostResolver,
  type ResolvedAddress,
} from '../../../functions/src/delivery/resolve-sink-host';
import { createSinkAddressPolicy } from '../../../functions/src/delivery/sink-address-policy';

/** A DNS server on 127.0.0.1 that reads every query and never answers: a sink's DNS that hangs. */
async function silentDnsServer(): Promise<{ server: string; queries: () => number; close: () => void }> {
  const socket = dgram.createSocket('udp4');
  let queries = 0;
  socket.on('message', () => {
    queries += 1;
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    server: `127.0.0.1:${(socket.address() as AddressInfo).port}`,
    queries: () => queries,
    close: () => socket.close(),
  };
}

const resolved = (resolve: ReturnType<typeof createSinkHostResolver>, host: string) =>
  new Promise<{ error?: Error; addresses: readonly ResolvedAddress[] }>((done) =>
    resolve(host, (error, addresses) => done({ error, addresses })),
  );

describe('createSinkHostResolver', () => {
  let dns: Awaited<ReturnType<typeof silentDnsServer>>;
  beforeAll(async () => {
    dns = await silentDnsServer();
  });
  afterAll(() => dns.close());

  it('gives up on a name whose DNS never answers, with an error that names it', async () => {
    const resolve = createSinkHostResolver({ timeoutMs: 300, servers: [dns.server] });
    const { error } = await resolved(resolve, 'hangs.example.com');
    expect(error?.message).toMatch(/hangs\.example\.com did not resolve within 300 ms/);
    expect(dns.queries()).toBeGreaterThan(0);
  });

  it("leaves the thread pool free: while many sinks' DNS hangs, getaddrinfo still answers at once", async () => {
    const resolve = createSinkHostResolver({ timeoutMs: 1_500, servers: [dns.server] });
    const order: string[] = [];
    const hanging = Array.from({ length: 8 }, (_, i) =>
      resolved(resolve, `hangs-${i}.example.com`).then(() => order.push('hanging')),
    );
    await lookup('localhost').then(() => order.push('getaddrinfo'));
    await Promise.all(hanging);
    expect(order[0]).toBe('getaddrinfo');
  });

  it('answers names under localhost with loopback without asking DNS', async () => {
    const before = dns.queries();
    const resolve = createSinkHostResolver({ timeoutMs: 300, servers: [dns.server] });
    for (const host of ['localhost', 'LOCALHOST.', 'hooks.localhost']) {
      const { error, addresses } = await resolved(resolve, host);
      expect(error).toBeUndefined();
      expect(addresses.map((a) => a.address)).toEqual(['127.0.0.1', '::1']);
    }
    expect(dns.queries()).toBe(before);
  });

  it('a delivery to a sink whose DNS hangs fails within the DNS deadline and says why', async () => {
    const post = createSinkPoster({
      policy: createSinkAddressPolicy([]),
      timeoutMs: 10_000,
      resolveHost: createSinkHostResolver({ timeoutMs: 300, servers: [dns.server] }),
    });
    await expect(post({ url: 'https://hangs.example.com/hook', headers: {} })).rejects.toThrow(
      /did not resolve within 300 ms/,
    );
  });
});
