// A create body as the api takes it: the CreateQueue schema (the api's
// request step), then the rules parseQueueRequest adds.
import { parseQueueRequest as parseChecked } from '../../../../functions/src/api/queues/parse-queue-request';
import { validateRequest } from '../../../../functions/src/api/validate-request';
import { ValidationError } from '../../../../functions/src/errors';

const parseQueueRequest = (body: unknown) => parseChecked(validateRequest('CreateQueue', body));

const SINK = 'https://hooks.acme.example/eventq';

function refusal(body: unknown): ValidationError {
  try {
    parseQueueRequest(body);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('the request was accepted');
}

describe('parseQueueRequest', () => {
  it('makes a push queue in binary mode with no filters by default', () => {
    expect(parseQueueRequest({ name: 'orders', sink: SINK })).toEqual({
      name: 'orders',
      kind: 'push',
      sink: SINK,
      filters: [],
      contentMode: 'binary',
      stream: 'events',
    });
  });

  it('reads the ops stream, ordered unless told otherwise', () => {
    expect(parseQueueRequest({ name: 'ops', kind: 'pull', stream: 'ops' })).toMatchObject({
      stream: 'ops',
      ordered: true,
    });
    expect(
      parseQueueRequest({ name: 'ops', kind: 'pull', stream: 'ops', ordered: false }).ordered,
    ).toBeUndefined();
  });

  it('keeps every field it is given', () => {
    const filters = [{ prefix: { subject: 'device-' } }, { not: { exact: { type: 'x.deleted' } } }];
    expect(
      parseQueueRequest({
        name: 'orders',
        kind: 'push',
        sink: SINK,
        types: ['x.created'],
        source: '//fleet',
        filters,
        contentMode: 'structured',
      }),
    ).toMatchObject({
      name: 'orders',
      kind: 'push',
      sink: SINK,
      types: ['x.created'],
      source: '//fleet',
      filters,
      contentMode: 'structured',
    });
  });

  it('makes a pull queue without a sink', () => {
    expect(parseQueueRequest({ name: 'audit', kind: 'pull' })).toMatchObject({ name: 'audit', kind: 'pull' });
    expect(parseQueueRequest({ name: 'audit', kind: 'pull' }).sink).toBeUndefined();
  });

  it.each<[string, unknown, RegExp]>([
    ['a body that is not an object', 'orders', /^body: /],
    ['an array body', [{ name: 'orders' }], /^body: /],
    ['null', null, /^body: /],
    ['no name', { sink: SINK }, /^name: /],
    ['a name that is not a queue name', { name: 'Orders!', sink: SINK }, /^name: /],
    ['a name with a dot', { name: 'orders.v2', sink: SINK }, /^name: /],
    ['a name that is a number', { name: 7, sink: SINK }, /^name: /],
    ['an unknown kind', { name: 'orders', kind: 'stream', sink: SINK }, /^kind: /],
    ['a push queue without a sink', { name: 'orders' }, /^sink: /],
    ['a pull queue with a sink', { name: 'orders', kind: 'pull', sink: SINK }, /^sink: /],
    ['an empty sink', { name: 'orders', sink: '' }, /^sink: /],
    ['a sink that is not a string', { name: 'orders', sink: 42 }, /^sink: /],
    ['types that are not an array', { name: 'orders', sink: SINK, types: 'x.created' }, /^types/],
    ['an empty type', { name: 'orders', sink: SINK, types: [''] }, /^types/],
    ['a type that is not a string', { name: 'orders', sink: SINK, types: [1] }, /^types/],
    ['an empty source', { name: 'orders', sink: SINK, source: '' }, /^source: /],
    ['an unknown content mode', { name: 'orders', sink: SINK, contentMode: 'batch' }, /^contentMode: /],
    [
      'an unknown filter dialect',
      { name: 'orders', sink: SINK, filters: [{ regex: { type: '.*' } }] },
      /^filters\[0\]/,
    ],
    [
      'filters that are not an array',
      { name: 'orders', sink: SINK, filters: { exact: { type: 'x' } } },
      /^filters/,
    ],
    ['an unknown field', { name: 'orders', sink: SINK, secret: 'whsec_mine' }, /^secret: unknown field/],
  ])('refuses %s with a 422 that names the field', (_, body, detail) => {
    const error = refusal(body);
    expect(error.status).toBe(422);
    expect(error.detail).toMatch(detail);
  });
});
