// POST /v1/filters:test and POST /v1/events:route over HTTP against the real
// api and Firestore: what a tenant sees when asking "would these filters take
// this event?" and "why didn't my queue get it?".
import { callApi, closePubsub, uniqueName } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';

let receiver: WebhookReceiver;

const event = {
  specversion: '1.0',
  id: 'sample-1',
  source: '/devices',
  type: 'DEVICE_FIRST_SEEN',
  subject: '/devices/42',
  seq: 7,
  data: { model: 'x1' },
};

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
});

afterAll(async () => {
  await Promise.all([receiver.close(), closePubsub()]);
});

describe('POST /v1/filters:test', () => {
  it('says whether the filters take the event', async () => {
    const yes = await callApi('POST', '/v1/filters:test', {
      body: { filters: [{ prefix: { subject: '/devices/' } }, { sql: 'seq * 2 = 14' }], event },
    });
    expect(yes).toMatchObject({ status: 200, body: { matches: true } });
    expect(yes.body.errors).toBeUndefined();

    const no = await callApi('POST', '/v1/filters:test', {
      body: { filters: [{ exact: { subject: '/devices/42' } }, { sql: "subject LIKE '%/7'" }], event },
    });
    expect(no).toMatchObject({ status: 200, body: { matches: false, refusedBy: 'filters[1]' } });
  });

  it('lists the errors of sql filters, each with the filter it made refuse', async () => {
    const answer = await callApi('POST', '/v1/filters:test', {
      body: {
        filters: [{ any: [{ exact: { type: 'x' } }, { sql: "region = 'eu' OR seq / 0 = 1" }] }],
        event,
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      matches: false,
      refusedBy: 'filters[0]',
      errors: [
        {
          filter: 'filters[0].any[1].sql',
          kind: 'missingAttribute',
          detail: 'the event has no attribute "region"',
        },
      ],
    });
  });

  it.each<[string, unknown, RegExp]>([
    [
      'a sql filter that does not parse',
      { filters: [{ sql: 'subject LIKE' }], event },
      /^filters\[0\]\.sql: not valid CloudEvents SQL: .* at position 13$/,
    ],
    [
      'an event without its id',
      { filters: [], event: { ...event, id: undefined } },
      /^event\.id: is required$/,
    ],
    [
      'an event that breaks CloudEvents 1.0',
      { filters: [], event: { ...event, time: 'yesterday' } },
      /^event: .*time/,
    ],
    ['no event', { filters: [] }, /event/],
    ['an unknown dialect', { filters: [{ regex: 'x' }], event }, /filters\[0\].*regex/],
  ])('refuses %s with 422 and says why', async (_label, body, detail) => {
    const answer = await callApi('POST', '/v1/filters:test', { body });
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({ code: 'ERR_VALIDATION', detail: expect.stringMatching(detail) });
  });
});

describe('POST /v1/events:route', () => {
  it("says which of the tenant's queues would receive the event and what refused it for the others", async () => {
    const name = (n: string) => uniqueName(`route-${n}`);
    const make = async (n: string, extra: Record<string, unknown>) => {
      const created = await callApi('POST', '/v1/queues', {
        body: { name: n, kind: 'push', sink: receiver.url, ...extra },
      });
      expect(created.status).toBe(201);
    };
    const [takes, sql, source, paused, types] = ['takes', 'sql', 'source', 'paused', 'types'].map(name);
    await make(takes!, { source: '/devices', filters: [{ sql: "subject LIKE '/devices/%'" }] });
    await make(sql!, { filters: [{ exact: { type: 'DEVICE_FIRST_SEEN' } }, { sql: 'seq > 10' }] });
    await make(source!, { source: '/elsewhere' });
    await make(paused!, {});
    await make(types!, { types: ['DEVICE_CONFIG_APPLIED'] });
    expect((await callApi('PATCH', `/v1/queues/${paused}`, { body: { status: 'paused' } })).status).toBe(200);

    const answer = await callApi('POST', '/v1/events:route', { body: { event } });
    expect(answer.status).toBe(200);
    const byName = new Map(answer.body.queues.map((q: { name: string }) => [q.name, q]));
    expect(byName.get(takes)).toEqual({ name: takes, matches: true });
    expect(byName.get(sql)).toEqual({
      name: sql,
      matches: false,
      refusedBy: 'filters[1]',
      reason: 'filters[1] refused it',
    });
    expect(byName.get(source)).toMatchObject({
      matches: false,
      refusedBy: 'source',
      reason: 'source "/devices" is not the queue\'s source "/elsewhere"',
    });
    expect(byName.get(paused)).toMatchObject({ matches: false, refusedBy: 'status' });
    expect(byName.get(types)).toMatchObject({ matches: false, refusedBy: 'types' });
  });

  it('refuses an event that is not a valid CloudEvent with 422', async () => {
    const answer = await callApi('POST', '/v1/events:route', {
      body: { event: { ...event, specversion: '0.3' } },
    });
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      code: 'ERR_VALIDATION',
      detail: expect.stringMatching(/^event: .*specversion/),
    });
  });
});
