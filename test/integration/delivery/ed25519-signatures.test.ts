// A queue created with "signature": "v1a" is signed with an Ed25519 key of its
// own: the receiver verifies each delivery with the whpk_ public key the queue
// shows, through the real push path, and a rotation adds the new key's
// signature beside the old one's.
import { verify } from 'node:crypto';
import { ed25519PublicKey } from '../../../functions/src/delivery/ed25519-keys';
import { eventually } from '../../support/eventually';
import { binaryAttributes, publishRaw } from '../support/publish-raw';
import { callApi, closePubsub, uniqueName } from '../support/stack';
import { type ReceivedDelivery, WebhookReceiver } from '../support/webhook-receiver';

let receiver: WebhookReceiver;
let name: string;
let publicKey: string;

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
  name = uniqueName('ed25519');
  const created = await callApi('POST', '/v1/queues', {
    body: { name, kind: 'push', sink: receiver.url, signature: 'v1a' },
  });
  expect({ status: created.status, body: created.body }).toMatchObject({ status: 201 });
  publicKey = created.body.publicKey;
});

afterAll(async () => {
  await Promise.all([receiver.close(), closePubsub()]);
});

async function deliverOne(): Promise<ReceivedDelivery> {
  const attributes = binaryAttributes();
  await publishRaw('acme', { data: '{"signed":"ed25519"}', attributes });
  await receiver.waitUntil((r) => r.accepted().some((d) => d.headers['ce-id'] === attributes['ce-id']));
  return receiver.accepted().find((d) => d.headers['ce-id'] === attributes['ce-id'])!;
}

/** The receiver's check, as the README shows it: any v1a signature that the public key verifies. */
function verifies(key: string, d: ReceivedDelivery): boolean {
  const content = Buffer.concat([
    Buffer.from(`${d.headers['webhook-id']}.${d.headers['webhook-timestamp']}.`),
    d.body,
  ]);
  return String(d.headers['webhook-signature'])
    .split(' ')
    .filter((s) => s.startsWith('v1a,'))
    .some((s) => verify(null, content, ed25519PublicKey(key), Buffer.from(s.slice(4), 'base64')));
}

test('the creation answer shows the public key and no secret; GET shows the same key', async () => {
  expect(publicKey).toMatch(/^whpk_/);
  const shown = await callApi('GET', `/v1/queues/${name}`);
  expect(shown.body.publicKey).toBe(publicKey);
  expect(shown.body.signature).toBe('v1a');
  expect(JSON.stringify(shown.body)).not.toMatch(/whsk_|whsec_/);
});

test('a delivery carries one v1a signature that the public key verifies', async () => {
  const d = await deliverOne();
  expect(String(d.headers['webhook-signature'])).toMatch(/^v1a,\S+$/);
  expect(verifies(publicKey, d)).toBe(true);
});

test('rotation gives a new public key; during the grace both keys sign', async () => {
  const rotated = await callApi('POST', `/v1/queues/${name}:rotate-secret`, { body: { graceSeconds: 60 } });
  expect(rotated.status).toBe(200);
  expect(rotated.body.secret).toBeUndefined();
  const newKey: string = rotated.body.publicKey;
  expect(newKey).toMatch(/^whpk_/);
  expect(newKey).not.toBe(publicKey);
  expect(JSON.stringify(rotated.body)).not.toMatch(/whsk_/);
  const d = await eventually(deliverOne, (x) => verifies(newKey, x), {
    timeoutMs: 10_000,
    what: 'a delivery signed with the new key',
  });
  expect(String(d.headers['webhook-signature']).split(' ')).toHaveLength(2);
  expect(verifies(publicKey, d)).toBe(true);
  expect((await callApi('GET', `/v1/queues/${name}`)).body.publicKey).toBe(newKey);
});

test('a pull queue cannot ask for a signature scheme, and an unknown scheme is refused', async () => {
  const pull = await callApi('POST', '/v1/queues', {
    body: { name: uniqueName('pullsig'), kind: 'pull', signature: 'v1a' },
  });
  expect(pull.status).toBe(422);
  expect(pull.body.detail).toMatch(/signature/);
  const unknown = await callApi('POST', '/v1/queues', {
    body: { name: uniqueName('badsig'), kind: 'push', sink: receiver.url, signature: 'v2' },
  });
  expect(unknown.status).toBe(422);
  expect(unknown.body.code).toBe('ERR_VALIDATION');
});
