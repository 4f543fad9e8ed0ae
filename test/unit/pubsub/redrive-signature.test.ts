import { generateKeyPairSync } from 'node:crypto';
import type { PrivateSigningJwk } from '../../../functions/src/config/signing-keys-variable';
import { createRedriveKeys } from '../../../functions/src/pubsub/redrive-signature';

const jwk = (kid: string, type: 'ec' | 'rsa' | 'ed25519'): PrivateSigningJwk => {
  const key =
    type === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : type === 'rsa'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 })
        : generateKeyPairSync('ed25519');
  const alg = { ec: 'ES256', rsa: 'RS256', ed25519: 'EdDSA' }[type] as PrivateSigningJwk['alg'];
  return { ...(key.privateKey.export({ format: 'jwk' }) as object), kid, alg } as PrivateSigningJwk;
};
const address = { tenant: 'acme', queue: 'orders', source: '/fleet', id: 'e-1' };

test.each(['ec', 'rsa', 'ed25519'] as const)('a %s signing key signs what it verifies', (type) => {
  const keys = createRedriveKeys([jwk('k', type)]);
  expect(keys.verify(address, keys.sign(address))).toBe(true);
});

test('any configured key verifies, so that a rotation does not break messages in flight', () => {
  const oldKey = jwk('old', 'ec');
  const newKey = jwk('new', 'ec');
  const signedBeforeRotation = createRedriveKeys([oldKey]).sign(address);
  const afterRotation = createRedriveKeys([newKey, oldKey]);
  expect(afterRotation.verify(address, signedBeforeRotation)).toBe(true);
  expect(createRedriveKeys([newKey]).verify(address, signedBeforeRotation)).toBe(false);
});

test.each<[string, Partial<typeof address>]>([
  ['another queue', { queue: 'audit' }],
  ['another tenant', { tenant: 'globex' }],
  ['another id', { id: 'e-2' }],
  ['another source', { source: '/fleet2' }],
  ['source and id split elsewhere', { source: '/flee', id: 't\ne-1' }],
])('a signature does not verify for %s', (_what, change) => {
  const keys = createRedriveKeys([jwk('k', 'ec')]);
  expect(keys.verify({ ...address, ...change }, keys.sign(address))).toBe(false);
});

test.each(['', 'v1', 'v1,', 'v2,AAAA', 'v1,AAAA', 'v1,a,b'])(
  'the malformed signature %j does not verify',
  (signature) => {
    expect(createRedriveKeys([jwk('k', 'ec')]).verify(address, signature)).toBe(false);
  },
);
