import { commitChunks, logEntryWrite } from '../../../functions/src/message-log/log-commit';
import { LOG_STATE } from '../../../functions/src/message-log/log-entry';
import { pendingEntryOf } from '../../../functions/src/message-log/log-touch';

const DB = 'projects/p/databases/(default)';
const entry = (overrides: { subject?: string; data?: Buffer; reason?: string } = {}) => {
  const e = pendingEntryOf(
    {
      tenant: 'acme',
      queue: 'orders',
      webhookId: 'msg_abc',
      state: LOG_STATE.failing,
      event: {
        attributes: {
          specversion: '1.0',
          id: 'e1',
          source: '/s',
          type: 't',
          datacontenttype: 'application/json',
          ...(overrides.subject ? { subject: overrides.subject } : {}),
          comexampleflag: true,
        },
        data: overrides.data ?? Buffer.from('{"a":1}'),
      },
      publishTimeMs: 1_000,
      attempt: { atMs: 2_000, attempt: 1, status: 500, latencyMs: 7, responseExcerpt: 'busy' },
      reason: overrides.reason,
    },
    64 * 1024,
  );
  return e;
};

describe('logEntryWrite', () => {
  it('writes the entry to tenants/{t}/log/{webhookId} with commutative transforms', () => {
    const write = JSON.parse(logEntryWrite(DB, entry({ subject: '/devices/x' }), { expireAtMs: 86_400_000 }));
    expect(write.update.name).toBe(`${DB}/documents/tenants/acme/log/msg_abc`);
    expect(write.update.fields).toMatchObject({
      queue: { stringValue: 'orders' },
      id: { stringValue: 'e1' },
      type: { stringValue: 't' },
      source: { stringValue: '/s' },
      subject: { stringValue: '/devices/x' },
      subjectPrefixes: {
        arrayValue: {
          values: [{ stringValue: '/' }, { stringValue: '/devices/' }, { stringValue: '/devices/x' }],
        },
      },
      dataSize: { integerValue: '7' },
      expireAt: { timestampValue: '1970-01-02T00:00:00.000Z' },
    });
    expect(JSON.parse(write.update.fields.event.stringValue)).toEqual({
      specversion: '1.0',
      id: 'e1',
      source: '/s',
      type: 't',
      datacontenttype: 'application/json',
      subject: '/devices/x',
      comexampleflag: true,
      data: { a: 1 },
    });
    expect(write.updateMask.fieldPaths.sort()).toEqual(Object.keys(write.update.fields).sort());
    expect(write.updateTransforms).toEqual([
      { fieldPath: 'state', maximum: { integerValue: String(LOG_STATE.failing) } },
      { fieldPath: 'publishTimeMs', minimum: { integerValue: '1000' } },
      {
        fieldPath: 'attempts',
        appendMissingElements: {
          values: [
            {
              mapValue: {
                fields: {
                  atMs: { integerValue: '2000' },
                  attempt: { integerValue: '1' },
                  latencyMs: { integerValue: '7' },
                  status: { integerValue: '500' },
                  responseExcerpt: { stringValue: 'busy' },
                },
              },
            },
          ],
        },
      },
    ]);
  });

  it('leaves out data above the kept size, and says so with the size', () => {
    const big = Buffer.alloc(64 * 1024 + 1, 'a');
    const write = JSON.parse(logEntryWrite(DB, entry({ data: big }), { expireAtMs: 0 }));
    expect(write.update.fields.dataOmitted).toEqual({ booleanValue: true });
    expect(write.update.fields.dataSize).toEqual({ integerValue: String(big.length) });
    expect(JSON.parse(write.update.fields.event.stringValue).data).toBeUndefined();
  });

  it('sets only the fields it has: a write without a reason keeps the one an earlier write set', () => {
    const write = JSON.parse(logEntryWrite(DB, entry(), { expireAtMs: 0 }));
    expect(write.updateMask.fieldPaths).not.toContain('reason');
    expect(write.updateMask.fieldPaths).not.toContain('subject');
    const withReason = JSON.parse(logEntryWrite(DB, entry({ reason: 'why' }), { expireAtMs: 0 }));
    expect(withReason.updateMask.fieldPaths).toContain('reason');
  });
});

describe('commitChunks', () => {
  it('cuts writes into commits of at most 500 writes', () => {
    const writes = Array.from({ length: 1_001 }, (_, i) => `{"n":${i}}`);
    const chunks = commitChunks(writes);
    expect(chunks.map((c) => c.count)).toEqual([500, 500, 1]);
    expect(JSON.parse(chunks[2]!.body)).toEqual({ writes: [{ n: 1000 }] });
  });

  it('keeps each commit body within the byte bound', () => {
    const writes = Array.from({ length: 10 }, () => JSON.stringify({ pad: 'x'.repeat(1_000) }));
    const chunks = commitChunks(writes, 500, 3_500);
    expect(chunks.map((c) => c.count)).toEqual([3, 3, 3, 1]);
    for (const c of chunks) expect(Buffer.byteLength(c.body)).toBeLessThanOrEqual(3_500);
  });
});
