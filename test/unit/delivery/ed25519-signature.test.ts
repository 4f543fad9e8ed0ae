// Standard Webhooks' asymmetric scheme: `v1a,<base64 Ed25519 signature of
// "<id>.<timestamp>.<body>">`, verified with the queue's whpk_ public key.
import { verify } from 'node:crypto';
import {
  ed25519PublicKey,
  generateEd25519Keys,
  publicKeyOf,
} from '../../../functions/src/delivery/ed25519-keys';
import { generateWebhookSecret, signWebhook } from '../../../functions/src/delivery/webhook-signature';
import { publicQueue, type QueueDefinition } from '../../../functions/src/queues/queue-definition';

const ID = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
const TIMESTAMP = 1674087231;
const BODY = Buffer.from('{"type":"contact.created"}');

/** What a receiver does with the header and the queue's public key. */
function verifiesWith(publicKey: string, header: string, body = BODY, id = ID, timestamp = TIMESTAMP) {
  const content = Buffer.from(`${id}.${timestamp}.${body.toString('latin1')}`, 'latin1');
  return header
    .split(' ')
    .filter((s) => s.startsWith('v1a,'))
    .some((s) => verify(null, content, ed25519PublicKey(publicKey), Buffer.from(s.slice(4), 'base64')));
}

test('keys are serialized as Standard Webhooks says: whsk_ and whpk_, base64 of 32 bytes each', () => {
  const { secretKey, publicKey } = generateEd25519Keys();
  expect(secretKey).toMatch(/^whsk_[A-Za-z0-9+/]{43}=$/);
  expect(publicKey).toMatch(/^whpk_[A-Za-z0-9+/]{43}=$/);
  expect(publicKeyOf(secretKey)).toBe(publicKey);
  expect(generateEd25519Keys().publicKey).not.toBe(publicKey);
});

test('a whsk_ secret signs v1a, which the public key verifies and nothing else does', () => {
  const { secretKey, publicKey } = generateEd25519Keys();
  const header = signWebhook([secretKey], ID, TIMESTAMP, BODY);
  expect(header).toMatch(/^v1a,[A-Za-z0-9+/]{86}==$/);
  expect(verifiesWith(publicKey, header)).toBe(true);
  expect(verifiesWith(publicKey, header, Buffer.from('{"type":"contact.deleted"}'))).toBe(false);
  expect(verifiesWith(publicKey, header, BODY, 'msg_other')).toBe(false);
  expect(verifiesWith(publicKey, header, BODY, ID, TIMESTAMP + 1)).toBe(false);
  expect(verifiesWith(generateEd25519Keys().publicKey, header)).toBe(false);
});

test('during a rotation each key signs, and each public key verifies the delivery', () => {
  const older = generateEd25519Keys();
  const newer = generateEd25519Keys();
  const header = signWebhook([newer.secretKey, older.secretKey], ID, TIMESTAMP, BODY);
  expect(header.split(' ')).toHaveLength(2);
  expect(verifiesWith(newer.publicKey, header)).toBe(true);
  expect(verifiesWith(older.publicKey, header)).toBe(true);
});

test('v1 secrets still sign HMAC beside it', () => {
  const header = signWebhook([generateWebhookSecret(), generateEd25519Keys().secretKey], ID, TIMESTAMP, BODY);
  expect(header.split(' ').map((s) => s.split(',')[0])).toEqual(['v1', 'v1a']);
});

test('a v1a queue shows its public key and never its secret key', () => {
  const { secretKey, publicKey } = generateEd25519Keys();
  const queue = {
    tenant: 'acme',
    name: 'orders',
    kind: 'push',
    sink: 'https://hooks.example.com/',
    filters: [],
    contentMode: 'binary',
    status: 'active',
    signature: 'v1a',
    secrets: [{ value: secretKey }],
    subscription: 'projects/p/subscriptions/eventq-acme.orders',
    createdAt: '2026-12-01T00:00:00Z',
    updatedAt: '2026-12-01T00:00:00Z',
  } satisfies QueueDefinition;
  const shown = publicQueue(queue);
  expect(shown.publicKey).toBe(publicKey);
  expect(JSON.stringify(shown)).not.toContain('whsk_');
  expect(
    publicQueue({ ...queue, signature: undefined, secrets: [{ value: generateWebhookSecret() }] }).publicKey,
  ).toBeUndefined();
});

test('a malformed public key is refused with a clear error', () => {
  expect(() => ed25519PublicKey('whpk_AAAA')).toThrow('32 bytes');
});
