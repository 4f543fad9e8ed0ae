import { incrementCommit } from '../../../functions/src/store/stats-store';

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
    ]);
  });
});
