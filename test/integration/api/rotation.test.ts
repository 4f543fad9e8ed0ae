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
  const rotated = await callApi('POST', `/v1/queues/${name}:rotate-secret`, { body: { graceSeconds: 10 } });
  expect(rotated.status).toBe(200);
  const newSecret: string = rotated.body.secret;
  expect(newSecret).toMatch(/^whsec_/);
  expect(newSecret).not.toBe(oldSecret);
  expect(Date.parse(rotated.body.previousSecretExpiresAt)).toBeGreaterThan(Date.now());
  const oldExpiresAt = Date.parse(rotated.body.previousSecretExpiresAt);
  // dispatch re-reads the queue within its cache TTL (1 s locally): deliver until the new secret signs.
  // The grace (10 s) leaves room for slow deliveries on a loaded machine before the old secret stops.
  const during = await eventually(deliverOne, (d) => verifies(newSecret, d), {
    timeoutMs: 8_000,
    what: 'a delivery signed with the new secret',
  });
  expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
  expect(verifies(oldSecret, during)).toBe(true);

  // Once the grace period is over, the old secret stops signing, and not before.
  const after = await eventually(deliverOne, (d) => !verifies(oldSecret, d), {
    timeoutMs: 25_000,
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

test('after five rotations a delivery carries three signatures and the answer counts the dropped secrets', async () => {
  const own = await WebhookReceiver.start();
  try {
    const five = uniqueName('rotate5');
    const created = await callApi('POST', '/v1/queues', {
      body: { name: five, kind: 'push', sink: own.url },
    });
    expect(created.status).toBe(201);
    const secrets: string[] = [created.body.secret];
    const dropped: number[] = [];
    for (let i = 0; i < 5; i++) {
      const rotated = await callApi('POST', `/v1/queues/${five}:rotate-secret`, {
        body: { graceSeconds: 600 },
      });
      expect(rotated.status).toBe(200);
      secrets.push(rotated.body.secret);
      dropped.push(rotated.body.droppedSecrets);
    }
    expect(dropped).toEqual([0, 0, 1, 1, 1]);
    const newest = secrets[5]!;
    const deliverToOwn = async () => {
      const attributes = binaryAttributes();
      await publishRaw('acme', { data: '{"rotation":5}', attributes });
      const match = (r: ReceivedDelivery) => r.headers['ce-id'] === attributes['ce-id'];
      await own.waitUntil((r) => r.accepted().some(match));
      return own.accepted().find(match)!;
    };
    const d = await eventually(deliverToOwn, (x) => verifies(newest, x), {
      timeoutMs: 5_000,
      what: 'a delivery signed with the newest secret',
    });
    expect(String(d.headers['webhook-signature']).split(' ')).toHaveLength(3);
    expect(secrets.map((s) => verifies(s, d))).toEqual([false, false, false, true, true, true]);
  } finally {
    await own.close();
  }
});
