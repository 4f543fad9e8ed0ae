import type { Filter } from '../../../functions/src/filters/filter';
import { toPubsubFilter } from '../../../functions/src/filters/to-pubsub-filter';

// Every translation lets through messages that are not binary-mode events, for eventq to judge.
const PASS = 'NOT attributes:ce-specversion OR ';

describe('toPubsubFilter', () => {
  it('has no Pub/Sub filter for an empty list', () => {
    expect(toPubsubFilter([])).toBeUndefined();
  });

  it.each<[string, Filter[], string]>([
    ['exact', [{ exact: { type: 'com.example.created' } }], 'attributes.ce-type = "com.example.created"'],
    ['prefix', [{ prefix: { source: '/orders/' } }], 'hasPrefix(attributes.ce-source, "/orders/")'],
    [
      'exact on two attributes',
      [{ exact: { type: 'a', subject: 'b' } }],
      '(attributes.ce-type = "a" AND attributes.ce-subject = "b")',
    ],
    [
      'several filters',
      [{ exact: { type: 'a' } }, { prefix: { source: '/x' } }],
      '(attributes.ce-type = "a" AND hasPrefix(attributes.ce-source, "/x"))',
    ],
    [
      'any',
      [{ any: [{ exact: { type: 'a' } }, { exact: { type: 'b' } }] }],
      '(attributes.ce-type = "a" OR attributes.ce-type = "b")',
    ],
    ['not', [{ not: { exact: { type: 'a' } } }], 'NOT attributes.ce-type = "a"'],
    [
      'not of a compound',
      [{ not: { any: [{ exact: { type: 'a' } }, { prefix: { type: 'b.' } }] } }],
      'NOT (attributes.ce-type = "a" OR hasPrefix(attributes.ce-type, "b."))',
    ],
    [
      'AND inside OR, with the parentheses Pub/Sub requires',
      [
        {
          any: [
            { exact: { type: 'a', id: '1' } },
            { all: [{ exact: { type: 'b' } }, { exact: { id: '2' } }] },
          ],
        },
      ],
      '((attributes.ce-type = "a" AND attributes.ce-id = "1") OR (attributes.ce-type = "b" AND attributes.ce-id = "2"))',
    ],
    [
      'quotes and backslashes, escaped',
      [{ exact: { subject: 'say "hi" \\o/' } }],
      'attributes.ce-subject = "say \\"hi\\" \\\\o/"',
    ],
    ['non-ASCII values', [{ exact: { subject: 'Grüße' } }], 'attributes.ce-subject = "Grüße"'],
  ])('translates %s', (_label, filters, expression) => {
    expect(toPubsubFilter(filters)).toBe(PASS + expression);
  });

  it.each<[string, Filter[]]>([
    ['suffix', [{ suffix: { subject: '.jpg' } }]],
    [
      'suffix nested anywhere',
      [{ exact: { type: 'a' } }, { any: [{ exact: { type: 'b' } }, { not: { suffix: { id: '1' } } }] }],
    ],
    [
      'datacontenttype, which binary mode may carry in two attributes',
      [{ exact: { datacontenttype: 'text/plain' } }],
    ],
    ['a control character', [{ exact: { subject: 'a\nb' } }]],
    ['a sql filter, which Pub/Sub cannot express', [{ exact: { type: 'a' } }, { sql: "subject = 'b'" }]],
    ['a sql filter nested in not', [{ not: { sql: "subject = 'b'" } }]],
    ['a filter over 256 bytes', [{ exact: { subject: 'x'.repeat(250) } }]],
  ])('gives up on %s rather than filter wrongly', (_label, filters) => {
    expect(toPubsubFilter(filters)).toBeUndefined();
  });
});
