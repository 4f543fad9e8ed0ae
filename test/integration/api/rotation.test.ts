// Rotation: during the grace period a receiver holding either secret accepts
// the delivery (standardwebhooks library); after it, only the new one verifies.
import { Webhook } from 'standardwebhooks';
import { eventually } from '../../support/eventually';
import { binaryAttributes, publishRaw } from '../support/publish-raw';
import { headerRecord } from '../support/read-cloudevent';
import { callApi, closePubsub, uniqueName } from '../support/stack';
import { type ReceivedDelivery, WebhookReceiver } from '../support/webhook-receiver';

let receiver: WebhookReceiver;
let name: string;
let oldSecret: string;

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
  name = uniqueName('rotate');
  const created = await callApi('POST', '/v1/queues', { body: { name, kind: 'push', sink: receiver.url } });
  expect(created.status).toBe(201);
  oldSecret = created.body.secret;
});

afterAll(async () => {
  await Promise.all([receiver.close(), closePubsub()]);
});

async function deliverOne(): Promise<ReceivedDelivery> {
  const attributes = binaryAttributes();
  await publishRaw('acme', { data: '{"rotation":true}', attributes });
  await receiver.waitUntil((r) => r.accepted().some((d) => d.headers['ce-id'] === attributes['ce-id']));
  return receiver.accepted().find((d) => d.headers['ce-id'] === attributes['ce-id'])!;
}

const verifies = (secret: string, d: ReceivedDelivery) => {
  try {
    new Webhook(secret).verify(d.body.toString(), headerRecord(d), { jsonParse: false });
    return true;
  } catch {
    return false;
  }
};

test('both secrets verify during the grace period, only the new one after it', async () => {
  const rotated = await callApi('POST', `/v1/queues/${name}:rotate-secret`, { body: { graceSeconds: 4 } });
  expect(rotated.status).toBe(200);
  const newSecret: string = rotated.body.secret;
  expect(newSecret).toMatch(/^whsec_/);
  expect(newSecret).not.toBe(oldSecret);
  expect(Date.parse(rotated.body.previousSecretExpiresAt)).toBeGreaterThan(Date.now());
  const oldExpiresAt = Date.parse(rotated.body.previousSecretExpiresAt);
  // dispatch re-reads the queue within its cache TTL (1 s locally): deliver until the new secret signs.
  const during = await eventually(deliverOne, (d) => verifies(newSecret, d), {
    timeoutMs: 3_500,
    what: 'a delivery signed with the new secret',
  });
  expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
  expect(verifies(oldSecret, during)).toBe(true);

  // Once the grace period is over, the old secret stops signing, and not before.
  const after = await eventually(deliverOne, (d) => !verifies(oldSecret, d), {
    timeoutMs: 10_000,
    intervalMs: 250,
    what: 'a delivery no longer signed with the old secret',
  });
  expect(Date.now()).toBeGreaterThanOrEqual(oldExpiresAt);
  expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
  expect(verifies(newSecret, after)).toBe(true);
});

test('the secret never appears in GET or list answers', async () => {
  const shown = await callApi('GET', `/v1/queues/${name}`);
  expect(JSON.stringify(shown.body)).not.toMatch(/whsec_/);
  const list = await callApi('GET', '/v1/queues');
  expect(JSON.stringify(list.body)).not.toMatch(/whsec_/);
});
