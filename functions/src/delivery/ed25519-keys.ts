// Ed25519 signing keys for Standard Webhooks' asymmetric scheme (`v1a`): a
// queue created with `"signature": "v1a"` keeps its secret key (`whsk_`, the
// 32-byte seed in base64) where a `v1` queue keeps its `whsec_` secret, and
// shows only the public key (`whpk_`, the raw 32-byte key in base64), so that
// a receiver can verify deliveries without holding anything secret.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { BoundedMap } from '../caching/bounded-map';

export const SECRET_KEY_PREFIX = 'whsk_';
export const PUBLIC_KEY_PREFIX = 'whpk_';

/** PKCS #8 DER of an Ed25519 private key, up to its 32-byte seed (RFC 8410). */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
/** SubjectPublicKeyInfo DER of an Ed25519 public key, up to its 32 bytes. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function isEd25519SecretKey(secret: string): boolean {
  return secret.startsWith(SECRET_KEY_PREFIX);
}

/** A new key pair: the `whsk_` secret key to keep, and its `whpk_` public key to show. */
export function generateEd25519Keys(): { secretKey: string; publicKey: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length);
  const secretKey = SECRET_KEY_PREFIX + seed.toString('base64');
  return { secretKey, publicKey: publicKeyOf(secretKey) };
}

/** Decoded keys; a queue signs with the same one or two for weeks. */
const privateKeys = new BoundedMap<string, KeyObject>(10_000);

export function ed25519PrivateKey(secretKey: string): KeyObject {
  let key = privateKeys.get(secretKey);
  if (key === undefined) {
    const seed = Buffer.from(secretKey.slice(SECRET_KEY_PREFIX.length), 'base64');
    if (seed.length !== 32) throw new Error('an Ed25519 secret key holds a 32-byte seed');
    key = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
    privateKeys.set(secretKey, key);
  }
  return key;
}

/** The `whpk_` public key of a `whsk_` secret key. */
export function publicKeyOf(secretKey: string): string {
  const spki = createPublicKey(ed25519PrivateKey(secretKey)).export({ format: 'der', type: 'spki' });
  return PUBLIC_KEY_PREFIX + spki.subarray(SPKI_PREFIX.length).toString('base64');
}

/** A `whpk_` public key as a KeyObject that node:crypto's verify takes (receivers, tests). */
export function ed25519PublicKey(publicKey: string): KeyObject {
  const raw = Buffer.from(publicKey.replace(PUBLIC_KEY_PREFIX, ''), 'base64');
  if (raw.length !== 32) throw new Error('an Ed25519 public key is 32 bytes');
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}
