import { orderingKeyOf } from '../../../functions/src/cloudevents/ordering-key';

const base = { specversion: '1.0', id: '1', source: '/s', type: 't' };

describe('orderingKeyOf', () => {
  it.each<[string, Record<string, string>, string | undefined]>([
    ['the partitionkey extension first', { partitionkey: 'p-1', subject: 's-1' }, 'p-1'],
    ['the subject without a partitionkey', { subject: 's-1' }, 's-1'],
    ['none without either', {}, undefined],
    ['none for empty values', { partitionkey: '', subject: '' }, undefined],
  ])('takes %s', (_what, extra, expected) => {
    expect(orderingKeyOf({ attributes: { ...base, ...extra } })).toBe(expected);
  });
});
