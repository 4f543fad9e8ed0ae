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

const SUPPORTED_ALGS = new Set(['RS256', 'ES256', 'EdDSA']);

function checkSigningKeys(value: unknown, name: string): PrivateSigningJwk[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new ConfigError(`${name} must be a non-empty JSON array of private JWKs`);
  }
  return value.map((jwk, i) => {
    if (typeof jwk !== 'object' || jwk === null) throw new ConfigError(`${name}[${i}] must be a JWK object`);
    const { kid, alg, d } = jwk as Record<string, unknown>;
    if (typeof kid !== 'string' || kid === '') throw new ConfigError(`${name}[${i}] needs a "kid"`);
    if (typeof alg !== 'string' || !SUPPORTED_ALGS.has(alg)) {
      throw new ConfigError(`${name}[${i}] needs "alg" RS256, ES256 or EdDSA`);
    }
    if (typeof d !== 'string') throw new ConfigError(`${name}[${i}] must be a private key (no "d" member)`);
    return jwk as PrivateSigningJwk;
  });
}

export function signingKeysVar(name: string, description: string): ConfigVariable<PrivateSigningJwk[]> {
  return jsonVar(name, description, checkSigningKeys);
}
