// post-to-sink is the HTTP adapter, so it is tested against a real HTTP server
// on 127.0.0.1 (no other network).
import { createSinkPoster, type SinkPoster } from '../../../functions/src/delivery/post-to-sink';
import { createSinkAddressPolicy } from '../../../functions/src/delivery/sink-address-policy';
import { SinkRefusedError } from '../../../functions/src/errors';
import { type RecordingServer, startRecordingServer } from '../support/recording-server';

let server: RecordingServer;
let port: number;

beforeAll(async () => {
  server = await startRecordingServer();
  port = server.port;
});

afterAll(() => server.close());

beforeEach(() => server.reset((_, res) => res.writeHead(204).end()));

afterEach(() => server.closeAllConnections());

const loopbackAllowed = (timeoutMs = 2000): SinkPoster =>
  createSinkPoster({ policy: createSinkAddressPolicy(['127.0.0.1']), timeoutMs });
const noAllowlist = (): SinkPoster =>
  createSinkPoster({ policy: createSinkAddressPolicy([]), timeoutMs: 2000 });

describe('createSinkPoster', () => {
  it('POSTs the body with its headers and reports the answer', async () => {
    server.respond = (_, res) => res.writeHead(201, { 'x-sink': 'yes' }).end('taken');
    const response = await loopbackAllowed()({
      url: `http://127.0.0.1:${port}/hook?x=1`,
      headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1' },
      body: Buffer.from('{"a":"é"}'),
    });

    expect(response).toMatchObject({ status: 201, bodyExcerpt: 'taken' });
    expect(response.headers['x-sink']).toBe('yes');
    expect(response.latencyMs).toBeGreaterThanOrEqual(0);
    expect(server.seen).toHaveLength(1);
    expect(server.seen[0]).toMatchObject({ method: 'POST', url: '/hook?x=1', body: '{"a":"é"}' });
    expect(server.seen[0]!.headers).toMatchObject({
      'content-type': 'application/json',
      'webhook-id': 'msg_1',
      'content-length': String(Buffer.byteLength('{"a":"é"}')),
      // Node adds no Host to headers given as an array: post-to-sink writes it, port included.
      host: `127.0.0.1:${port}`,
    });
    expect(
      server.seen[0]!.rawHeaders.filter((v, i) => i % 2 === 0 && v.toLowerCase() === 'host'),
    ).toHaveLength(1);
  });

  it('keeps only the first 512 bytes of a long answer', async () => {
    server.respond = (_, res) => res.writeHead(500).end('x'.repeat(100_000));
    const response = await loopbackAllowed()({ url: `http://127.0.0.1:${port}/`, headers: {} });
    expect(response.status).toBe(500);
    expect(response.bodyExcerpt).toBe('x'.repeat(512));
  });

  it('sends the method it is given', async () => {
    await loopbackAllowed()({ url: `http://127.0.0.1:${port}/`, method: 'OPTIONS', headers: {} });
    expect(server.seen[0]!.method).toBe('OPTIONS');
  });

  it('does not follow a redirect: the 3xx is the answer', async () => {
    server.respond = (req, res) =>
      req.url === '/hook' ? res.writeHead(307, { location: '/elsewhere' }).end() : res.writeHead(200).end();
    const response = await loopbackAllowed()({ url: `http://127.0.0.1:${port}/hook`, headers: {} });
    expect(response.status).toBe(307);
    expect(response.headers.location).toBe('/elsewhere');
    expect(server.seen.map((s) => s.url)).toEqual(['/hook']);
  });

  it('gives up on a sink that does not answer in time', async () => {
    server.respond = () => {};
    await expect(loopbackAllowed(150)({ url: `http://127.0.0.1:${port}/`, headers: {} })).rejects.toThrow(
      /no answer within 150 ms/,
    );
  });

  it('gives up on a sink that trickles its answer past the deadline', async () => {
    server.respond = (_, res) => {
      res.writeHead(200);
      const drip = setInterval(() => res.write('.'), 20);
      res.on('close', () => clearInterval(drip));
    };
    const started = Date.now();
    await expect(loopbackAllowed(200)({ url: `http://127.0.0.1:${port}/`, headers: {} })).rejects.toThrow(
      /within 200 ms/,
    );
    expect(Date.now() - started).toBeLessThan(1500);
  }, 5000);

  it('reuses its keep-alive connection for the next request', async () => {
    const post = loopbackAllowed();
    await post({ url: `http://127.0.0.1:${port}/1`, headers: {}, body: Buffer.from('a') });
    await post({ url: `http://127.0.0.1:${port}/2`, headers: {}, body: Buffer.from('b') });
    expect(server.seen).toHaveLength(2);
    expect(server.seen[1]!.remotePort).toBe(server.seen[0]!.remotePort);
    expect(server.connections).toBe(1);
  });

  it.each([
    '127.0.0.1',
    '[::1]',
    '10.0.0.1',
    '169.254.169.254',
    '0.0.0.0',
    '[::ffff:127.0.0.1]',
    '[::ffff:10.0.0.1]',
    '2130706433',
    '0x7f.1',
  ])('refuses the literal address %s without connecting', async (host) => {
    const post = noAllowlist();
    await expect(post({ url: `http://${host}:${port}/`, headers: {} })).rejects.toBeInstanceOf(
      SinkRefusedError,
    );
    expect(server.connections).toBe(0);
  });

  it('refuses a host name that resolves to loopback without connecting', async () => {
    const post = noAllowlist();
    await expect(post({ url: `http://localhost:${port}/`, headers: {} })).rejects.toThrow(
      /localhost resolves to an address eventq does not deliver to/,
    );
    expect(server.connections).toBe(0);
  });

  it('delivers to a host name that resolves to loopback when the host is allowlisted', async () => {
    const post = createSinkPoster({ policy: createSinkAddressPolicy(['localhost']), timeoutMs: 2000 });
    const response = await post({ url: `http://localhost:${port}/`, headers: {} });
    expect(response.status).toBe(204);
    expect(server.seen).toHaveLength(1);
  });

  it('delivers to a host name whose addresses are in an allowlisted range', async () => {
    const post = createSinkPoster({ policy: createSinkAddressPolicy(['127.0.0.0/8']), timeoutMs: 2000 });
    expect((await post({ url: `http://localhost:${port}/`, headers: {} })).status).toBe(204);
  });

  it('refuses a sink URL with credentials in it, without connecting', async () => {
    await expect(
      loopbackAllowed()({ url: `http://user:pw@127.0.0.1:${port}/`, headers: {} }),
    ).rejects.toThrow(/credentials in the URL/);
    expect(server.connections).toBe(0);
  });

  it('sends the path and query of the sink URL, not its fragment', async () => {
    const response = await loopbackAllowed()({
      url: `http://127.0.0.1:${port}/hooks/in?source=eventq#frag`,
      headers: {},
    });
    expect(response.status).toBe(204);
    expect(server.seen.at(-1)?.url).toBe('/hooks/in?source=eventq');
  });

  it.each(['ftp://127.0.0.1/', 'file:///etc/passwd'])('refuses the scheme of %s', async (url) => {
    await expect(loopbackAllowed()({ url, headers: {} })).rejects.toThrow(/not http\(s\)/);
  });
});
