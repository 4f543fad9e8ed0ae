// restStatsWriter is the HTTP adapter of the delivery counters, so it is tested
// against a real HTTP server on 127.0.0.1 standing in for the Firestore emulator.
import { firestoreRestTarget } from '../../../functions/src/store/firestore-rest-reader';
import { incrementCommit, restStatsWriter } from '../../../functions/src/store/stats-store';
import { type RecordingServer, startRecordingServer } from '../support/recording-server';

describe('incrementCommit', () => {
  it("adds each queue's counts to this instance's shard, creating it when missing", () => {
    const body = incrementCommit(
      'projects/p/databases/(default)',
      'rev-1',
      [{ tenant: 'acme', queue: 'orders', counts: { delivered: 3, failedAttempts: 0 } }],
      '2030-01-01T00:00:00.000Z',
    );
    expect(body.writes).toEqual([
      {
        update: {
          name: 'projects/p/databases/(default)/documents/tenants/acme/queues/orders/stats/rev-1',
          fields: {
            instance: { stringValue: 'rev-1' },
            updatedAt: { timestampValue: '2030-01-01T00:00:00.000Z' },
          },
        },
        updateMask: { fieldPaths: ['instance', 'updatedAt'] },
        updateTransforms: [{ fieldPath: 'delivered', increment: { integerValue: '3' } }],
      },
      {
        update: {
          name: 'projects/p/databases/(default)/documents/tenants/acme/queues/orders/statsHours/2030-01-01T00Z_rev-1',
          fields: {
            instance: { stringValue: 'rev-1' },
            hourMs: { integerValue: String(Date.parse('2030-01-01T00:00:00Z')) },
            expireAt: { timestampValue: '2030-01-09T00:00:00.000Z' },
          },
        },
        updateMask: { fieldPaths: ['instance', 'hourMs', 'expireAt'] },
        updateTransforms: [{ fieldPath: 'delivered', increment: { integerValue: '3' } }],
      },
    ]);
  });

  it("adds the same counts to the bucket of the flush's hour, in the same commit", () => {
    const body = incrementCommit(
      'projects/p/databases/(default)',
      'rev-1',
      [
        { tenant: 'acme', queue: 'orders', counts: { delivered: 1 } },
        { tenant: 'acme', queue: 'invoices', counts: { failedAttempts: 2 } },
      ],
      '2030-01-01T07:59:59.999Z',
    );
    expect(body.writes.map((w) => w.update.name.split('/documents/')[1])).toEqual([
      'tenants/acme/queues/orders/stats/rev-1',
      'tenants/acme/queues/orders/statsHours/2030-01-01T07Z_rev-1',
      'tenants/acme/queues/invoices/stats/rev-1',
      'tenants/acme/queues/invoices/statsHours/2030-01-01T07Z_rev-1',
    ]);
  });
});

describe('restStatsWriter', () => {
  let server: RecordingServer;
  let host: string;

  beforeAll(async () => {
    server = await startRecordingServer();
    host = server.host;
  });

  afterAll(() => server.close());

  beforeEach(() =>
    server.reset((_, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"writeResults":[{}]}'),
    ),
  );

  const writer = (timeoutMs = 2_000) =>
    restStatsWriter({
      target: firestoreRestTarget('p', '(default)', { firestoreEmulatorHost: host, metadataHost: 'unused' }),
      projectId: 'p',
      databaseId: '(default)',
      instanceId: 'rev-1',
      timeoutMs,
    });
  const batch = { tenant: 'acme', queue: 'orders', counts: { delivered: 2 } };

  it('commits the increments over one kept-alive connection, as the emulator owner', async () => {
    const write = writer();
    await write([batch]);
    await write([batch]);
    expect(server.seen).toHaveLength(2);
    const [first, second] = server.seen;
    expect(first!.method).toBe('POST');
    expect(first!.url).toBe('/v1/projects/p/databases/(default)/documents:commit');
    expect(first!.headers.authorization).toBe('Bearer owner');
    expect(first!.headers['content-type']).toBe('application/json');
    const body = JSON.parse(first!.body) as ReturnType<typeof incrementCommit>;
    expect(body.writes[0]!.updateTransforms).toEqual([
      { fieldPath: 'delivered', increment: { integerValue: '2' } },
    ]);
    expect(second!.remotePort).toBe(first!.remotePort);
  });

  it("keeps each commit within Firestore's 500 writes, two a queue", async () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ ...batch, queue: `q${i}` }));
    await writer()(many);
    const sizes = server.seen.map((r) => (JSON.parse(r.body) as { writes: unknown[] }).writes.length);
    expect(sizes).toEqual([500, 100]);
  });

  // `fetch` loads undici into dispatch at its first flush, seconds into its life:
  // ~2.5 MiB more live heap for good, which V8 turns into ~10 MiB more resident
  // memory under load (docs/benchmarks.md, measurement 7).
  it('does not use fetch', async () => {
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    try {
      await writer()([batch]);
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it("fails with Firestore's status and the start of its answer", async () => {
    server.respond = (_, res) =>
      res.writeHead(403, { 'content-type': 'application/json' }).end('{"error":"denied"}');
    await expect(writer()([batch])).rejects.toThrow('Firestore commit answered 403: {"error":"denied"}');
  });

  it('fails when Firestore does not answer within the deadline', async () => {
    server.respond = () => {}; // never answers
    await expect(writer(100)([batch])).rejects.toThrow('did not answer within 100 ms');
  });
});
