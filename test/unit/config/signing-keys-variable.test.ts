import { signingKeysVar } from '../../../functions/src/config/signing-keys-variable';
import { ConfigError } from '../../../functions/src/errors';

const variable = signingKeysVar('T_KEYS', 'signing keys');
const rsa = { kty: 'RSA', kid: 'k1', alg: 'RS256', n: 'n', e: 'AQAB', d: 'd', p: 'p', q: 'q' };
const ec = { kty: 'EC', kid: 'k2', alg: 'ES256', crv: 'P-256', x: 'x', y: 'y', d: 'd' };
const okp = { kty: 'OKP', kid: 'k3', alg: 'EdDSA', crv: 'Ed25519', x: 'x', d: 'd' };

function refusal(raw: string): string {
  try {
    variable.parse(raw, 'T_KEYS');
  } catch (error) {
    if (error instanceof ConfigError) return error.detail;
    throw error;
  }
  throw new Error('the keys were accepted');
}

describe('signingKeysVar', () => {
  it('accepts private RSA, EC and OKP keys, in order', () => {
    expect(variable.parse(JSON.stringify([rsa, ec, okp]), 'T_KEYS')).toEqual([rsa, ec, okp]);
  });

  it.each<[string, unknown, RegExp]>([
    ['an object instead of an array', rsa, /^T_KEYS must be a non-empty JSON array/],
    ['an empty array', [], /^T_KEYS must be a non-empty JSON array/],
    ['a string in the array', ['key'], /^T_KEYS\[0\] must be a JWK object/],
    ['null in the array', [rsa, null], /^T_KEYS\[1\] must be a JWK object/],
    ['a key without kid', [{ ...rsa, kid: undefined }], /^T_KEYS\[0\] needs a "kid"/],
    ['a key with an empty kid', [{ ...rsa, kid: '' }], /^T_KEYS\[0\] needs a "kid"/],
    ['a key without alg', [{ ...rsa, alg: undefined }], /^T_KEYS\[0\] needs "alg"/],
    [
      'a symmetric algorithm',
      [{ kty: 'oct', kid: 'h', alg: 'HS256', k: 'secret' }],
      /^T_KEYS\[0\] needs "alg"/,
    ],
    ['alg none', [{ ...rsa, alg: 'none' }], /^T_KEYS\[0\] needs "alg"/],
    ['a public key', [{ ...ec, d: undefined }], /^T_KEYS\[0\] must be a private key/],
    ['an RSA key that claims ES256', [{ ...rsa, alg: 'ES256' }], /^T_KEYS\[0\].*"kty"/],
    ['an EC key that claims RS256', [{ ...ec, alg: 'RS256' }], /^T_KEYS\[0\].*"kty"/],
    ['a key without kty', [rsa, { ...okp, kty: undefined }], /^T_KEYS\[1\].*"kty"/],
  ])('refuses %s, naming the variable and the key', (_, keys, detail) => {
    expect(refusal(JSON.stringify(keys))).toMatch(detail);
  });

  it('refuses a value that is not JSON', () => {
    expect(refusal('[{')).toBe('T_KEYS must be JSON');
  });
});
