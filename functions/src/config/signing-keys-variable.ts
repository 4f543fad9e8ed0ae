// eventq's own signing keys (for the delivery JWT): a JSON array of private
// JWKs. The first signs; all are published so that a second key can be added
// ahead of a rotation.
import { ConfigError } from '../errors';
import { type ConfigVariable, jsonVar } from './config-variable';

export interface PrivateSigningJwk {
  readonly kty: 'RSA' | 'EC' | 'OKP';
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256' | 'EdDSA';
  readonly [member: string]: unknown;
}

/** Each supported alg and the key type it signs with. */
const KEY_TYPE_OF_ALG: Readonly<Record<string, string>> = { RS256: 'RSA', ES256: 'EC', EdDSA: 'OKP' };

function checkSigningKeys(value: unknown, name: string): PrivateSigningJwk[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new ConfigError(`${name} must be a non-empty JSON array of private JWKs`);
  }
  return value.map((jwk, i) => {
    if (typeof jwk !== 'object' || jwk === null) throw new ConfigError(`${name}[${i}] must be a JWK object`);
    const { kid, alg, kty, d } = jwk as Record<string, unknown>;
    if (typeof kid !== 'string' || kid === '') throw new ConfigError(`${name}[${i}] needs a "kid"`);
    if (typeof alg !== 'string' || !Object.hasOwn(KEY_TYPE_OF_ALG, alg)) {
      throw new ConfigError(`${name}[${i}] needs "alg" RS256, ES256 or EdDSA`);
    }
    // A mismatch would otherwise surface only when the first delivery token is signed.
    if (kty !== KEY_TYPE_OF_ALG[alg]) {
      throw new ConfigError(`${name}[${i}] has "alg" ${alg}, which needs "kty" ${KEY_TYPE_OF_ALG[alg]}`);
    }
    if (typeof d !== 'string') throw new ConfigError(`${name}[${i}] must be a private key (no "d" member)`);
    return jwk as PrivateSigningJwk;
  });
}

export function signingKeysVar(name: string, description: string): ConfigVariable<PrivateSigningJwk[]> {
  return jsonVar(name, description, checkSigningKeys);
}
