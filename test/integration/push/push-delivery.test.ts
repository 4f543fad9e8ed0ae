// A CloudEvent published to a tenant's topic reaches the webhook of a push
// queue through the real emulator, token relay, dispatch and HTTP, intact and
// signed: read with the cloudevents SDK, verified with standardwebhooks and jose.
import { createHmac } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { Webhook } from 'standardwebhooks';
import { binaryAttributes, publishRaw } from '../support/publish-raw';
import { headerRecord, readCloudEvent } from '../support/read-cloudevent';
import { callApi, closePubsub, stack, uniqueName } from '../support/stack';
import { type ReceivedDelivery, WebhookReceiver } from '../support/webhook-receiver';

let receiver: WebhookReceiver;
let secret: string;
let queueName: string;
let structuredReceiver: WebhookReceiver;
let structuredSecret: string;

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
  structuredReceiver = await WebhookReceiver.start();
  queueName = uniqueName('push');
  const created = await callApi('POST', '/v1/queues', {
    body: { name: queueName, kind: 'push', sink: receiver.url },
  });
  expect(created.status).toBe(201);
  secret = created.body.secret;
  const structured = await callApi('POST', '/v1/queues', {
    body: {
      name: uniqueName('structured'),
      kind: 'push',
      sink: structuredReceiver.url,
      contentMode: 'structured',
    },
  });
  expect(structured.status).toBe(201);
  structuredSecret = structured.body.secret;
});

afterAll(async () => {
  await Promise.all([receiver.close(), structuredReceiver.close(), closePubsub()]);
});

async function deliveryOf(r: WebhookReceiver, ceId: string): Promise<ReceivedDelivery> {
  const find = () => r.accepted().find((d) => d.headers['ce-id'] === ceId || d.body.includes(ceId));
  await r.waitUntil(() => find() !== undefined, 20_000, `event ${ceId}`);
  return find()!;
}

test('a binary-mode event arrives with every attribute, non-ASCII text intact, and a valid signature', async () => {
  const data = JSON.stringify({ device: '7f3c', note: 'Grüße aus Zürich 🌍 — «ok»' });
  const attributes = binaryAttributes({
    'ce-subject': 'devices/7f3c/café',
    'ce-dataschema': 'https://schemas.example.com/device-first-seen.json',
    'ce-partitionkey': 'device-7f3c',
    'ce-traceparent': '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    'content-type': 'application/json; charset=utf-8',
  });
  await publishRaw('acme', { data, attributes });

  const delivery = await deliveryOf(receiver, attributes['ce-id']!);
  const single = readCloudEvent(delivery);
  expect(single.id).toBe(attributes['ce-id']);
  expect(single.source).toBe('/devices/7f3c');
  expect(single.type).toBe('DEVICE_FIRST_SEEN');
  expect(single.specversion).toBe('1.0');
  expect(single.subject).toBe('devices/7f3c/café');
  expect(single.time).toBe('2026-11-22T10:00:00.123Z');
  expect(single.dataschema).toBe('https://schemas.example.com/device-first-seen.json');
  expect(single.partitionkey).toBe('device-7f3c');
  expect(single.traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
  expect(single.datacontenttype).toBe('application/json; charset=utf-8');
  expect(single.data).toEqual(JSON.parse(data));
  expect(delivery.body.toString('utf8')).toBe(data);

  new Webhook(secret).verify(delivery.body.toString('utf8'), headerRecord(delivery));
  expect(() =>
    new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(
      delivery.body.toString('utf8'),
      headerRecord(delivery),
    ),
  ).toThrow();
  expect(delivery.headers['webhook-id']).toMatch(/^msg_[A-Za-z0-9_-]+$/);
  expect(delivery.headers['webhook-request-origin']).toBe(new URL(stack().apiUrl).host);
});

test('binary data that is not UTF-8 arrives byte for byte with its content type, signed over the raw bytes', async () => {
  const data = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  const attributes = binaryAttributes({ 'content-type': 'application/octet-stream' });
  await publishRaw('acme', { data, attributes });

  const delivery = await deliveryOf(receiver, attributes['ce-id']!);
  expect(delivery.headers['content-type']).toBe('application/octet-stream');
  expect(delivery.body.equals(data)).toBe(true);
  // Standard Webhooks signs the raw body. The JS standardwebhooks library turns a
  // Buffer into a UTF-8 string first, so it can only check bodies that are valid
  // UTF-8; here the signature is checked as the spec defines it.
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const signed = Buffer.concat([
    Buffer.from(`${delivery.headers['webhook-id']}.${delivery.headers['webhook-timestamp']}.`),
    delivery.body,
  ]);
  const expected = `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
  expect(String(delivery.headers['webhook-signature']).split(' ')).toContain(expected);
});

test('a structured-mode event arrives intact, extensions and text data included', async () => {
  const id = `evt-structured-${Date.now()}`;
  const published = {
    specversion: '1.0',
    id,
    source: 'urn:acme:devices',
    type: 'DEVICE_CONFIG_APPLIED',
    subject: 'ünïcödé subject',
    time: '2026-11-22T11:12:13Z',
    datacontenttype: 'text/plain; charset=utf-8',
    region: 'eu-west',
    retries: 3,
    urgent: true,
    data: 'plain text, ✓ non-ASCII',
  };
  await publishRaw('acme', {
    data: JSON.stringify(published),
    attributes: { 'content-type': 'application/cloudevents+json; charset=utf-8' },
  });

  for (const [r, key] of [
    [receiver, secret],
    [structuredReceiver, structuredSecret],
  ] as const) {
    const delivery = await deliveryOf(r, id);
    new Webhook(key).verify(delivery.body.toString('utf8'), headerRecord(delivery), { jsonParse: false });
    const single = readCloudEvent(delivery);
    expect(single.id).toBe(id);
    expect(single.source).toBe('urn:acme:devices');
    expect(single.subject).toBe('ünïcödé subject');
    // The SDK normalises time to milliseconds; the wire carries it exactly as published.
    expect(new Date(String(single.time)).getTime()).toBe(Date.parse('2026-11-22T11:12:13Z'));
    const wireTime = delivery.headers['ce-time'] ?? JSON.parse(delivery.body.toString('utf8')).time;
    expect(wireTime).toBe('2026-11-22T11:12:13Z');
    expect(single.region).toBe('eu-west');
    expect(String(single.retries)).toBe('3');
    expect(String(single.urgent)).toBe('true');
    expect(single.data).toBe('plain text, ✓ non-ASCII');
  }
  const structured = await deliveryOf(structuredReceiver, id);
  expect(structured.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
});

test('each delivery carries a bearer JWT that verifies against the JWKS with the sink as audience and the queue as subject', async () => {
  const attributes = binaryAttributes();
  await publishRaw('acme', { data: '{}', attributes });
  const delivery = await deliveryOf(receiver, attributes['ce-id']!);
  const token = String(delivery.headers.authorization).replace(/^Bearer /, '');
  const jwks = createRemoteJWKSet(new URL(`${stack().apiUrl}/.well-known/jwks.json`));
  const { payload } = await jwtVerify(token, jwks, {
    audience: receiver.url,
    issuer: stack().apiUrl,
    subject: `acme/${queueName}`,
  });
  expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(300);
});
