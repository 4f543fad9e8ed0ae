import { generateKeyPairSync } from 'node:crypto';
import type { PrivateSigningJwk } from '../../../functions/src/config/signing-keys-variable';
import {
  claimedRedriveTarget,
  deadLetterSource,
  isDeadLetterOf,
  isForQueue,
  redriveAttributes,
} from '../../../functions/src/pubsub/redrive-selection';
import { createRedriveKeys } from '../../../functions/src/pubsub/redrive-signature';

const jwk = (kid: string): PrivateSigningJwk => ({
  ...(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }) as object),
  kid,
  alg: 'ES256',
  kty: 'EC',
});
const current = jwk('k2');
const previous = jwk('k1');
const keys = createRedriveKeys([current, previous]);
const address = { tenant: 'acme', source: '/devices/7f3c', id: 'e-1' };
const event = { attributes: { specversion: '1.0', id: 'e-1', source: '/devices/7f3c', type: 'T' } };
const orders = { tenant: 'acme', name: 'orders' };
const audit = { tenant: 'acme', name: 'audit' };
const signedFor = (queue: string, signer = keys) => ({
  'eventq-redrive-for': queue,
  'eventq-redrive-signature': signer.sign({ ...address, queue }),
});

describe('deadLetterSource', () => {
  it.each<[string, Record<string, string>, unknown]>([
    [
      "eventq's attribute",
      { 'eventq-source-subscription': 'projects/p/subscriptions/eventq-acme.orders' },
      { tenant: 'acme', queue: 'orders' },
    ],
    [
      "Pub/Sub's attribute (a bare subscription id)",
      { CloudPubSubDeadLetterSourceSubscription: 'eventq-acme.orders' },
      { tenant: 'acme', queue: 'orders' },
    ],
    [
      "Pub/Sub's attribute over one a producer set on its event",
      {
        CloudPubSubDeadLetterSourceSubscription: 'eventq-acme.orders',
        'eventq-source-subscription': 'projects/p/subscriptions/eventq-acme.audit',
      },
      { tenant: 'acme', queue: 'orders' },
    ],
    ['neither', { 'ce-id': '1' }, undefined],
  ])('reads %s', (_what, attributes, expected) => {
    expect(deadLetterSource(attributes)).toEqual(expected);
  });

  it("does not take another tenant's queue of the same name", () => {
    const attributes = { CloudPubSubDeadLetterSourceSubscription: 'eventq-globex.orders' };
    expect(isDeadLetterOf(attributes, 'acme', 'orders')).toBe(false);
  });
});

describe('redriveAttributes', () => {
  it('keeps the event, drops what dead-lettering added, and addresses the queue with a signature', () => {
    const out = redriveAttributes(
      {
        'ce-id': '1',
        'eventq-dead-reason': 'gave up',
        'eventq-queue': 'orders',
        'eventq-source-subscription': 'x',
        'eventq-original-message-id': '9',
        'eventq-original-publish-time': 't',
        CloudPubSubDeadLetterSourceDeliveryCount: '5',
        'eventq-redrive-signature': 'v1,forged',
      },
      { ...address, queue: 'orders' },
      keys,
    );
    expect(out).toEqual({
      'ce-id': '1',
      'eventq-redrive-for': 'orders',
      'eventq-redrive-signature': expect.stringMatching(/^v1,[A-Za-z0-9_-]{43}$/),
    });
    expect(isForQueue(out, audit, event, keys)).toBe(false);
  });
});

describe('isForQueue', () => {
  const otherKeys = createRedriveKeys([jwk('elsewhere')]);
  it.each<[string, Record<string, string> | undefined, boolean]>([
    ['no attributes', undefined, true],
    ['no address', {}, true],
    ['addressed to orders, signed', signedFor('orders'), true],
    ['addressed to audit, signed by eventq', signedFor('audit'), false],
    [
      'addressed to audit, signed by the key rotated out (still configured)',
      signedFor('audit', createRedriveKeys([previous])),
      false,
    ],
    ['addressed to audit without a signature (a producer)', { 'eventq-redrive-for': 'audit' }, true],
    ['addressed to audit, signed by a key eventq does not hold', signedFor('audit', otherKeys), true],
    [
      "addressed to audit with orders' signature",
      { ...signedFor('orders'), 'eventq-redrive-for': 'audit' },
      true,
    ],
    [
      'addressed to audit with a garbled signature',
      { 'eventq-redrive-for': 'audit', 'eventq-redrive-signature': 'v1,AAAA' },
      true,
    ],
  ])('%s: is for orders: %s', (_what, attributes, expected) => {
    expect(isForQueue(attributes, orders, event, keys)).toBe(expected);
  });

  it("does not take a signature made for another event's identity", () => {
    const attributes = signedFor('audit');
    expect(isForQueue(attributes, orders, { attributes: { ...event.attributes, id: 'e-2' } }, keys)).toBe(
      true,
    );
    expect(isForQueue(attributes, { tenant: 'globex', name: 'orders' }, event, keys)).toBe(true);
  });
});

describe('claimedRedriveTarget', () => {
  it('reads the address unverified, for the pull listener', () => {
    expect(claimedRedriveTarget({ 'eventq-redrive-for': 'audit' })).toBe('audit');
    expect(claimedRedriveTarget(undefined)).toBeUndefined();
  });
});
