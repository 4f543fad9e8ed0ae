// Authenticates eventq's own redrives and resends: a message that addresses one
// queue (eventq-redrive-for) carries an HMAC over the tenant, that queue and
// the event's identity (source, id), keyed by a key derived with HKDF from
// eventq's signing keys (EVENTQ_SIGNING_KEYS, which api and dispatch both
// hold). A producer cannot make one, so it cannot hide its event from the
// other queues. The first key signs, every configured key verifies: a key
// added ahead of a rotation, or the one just rotated out, still verifies the
// messages in flight.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { PrivateSigningJwk } from '../config/signing-keys-variable';

/** The event a redrive message carries, and the queue it is addressed to. */
export interface RedriveAddress {
  readonly tenant: string;
  readonly queue: string;
  readonly source: string;
  readonly id: string;
}

export interface RedriveKeys {
  /** The attribute value for a message addressed to `address.queue` alone. */
  sign(address: RedriveAddress): string;
  /** Whether `signature` was made by one of eventq's keys for exactly this address. */
  verify(address: RedriveAddress, signature: string): boolean;
}

const SIGNATURE_VERSION = 'v1';
const HKDF_SALT = 'eventq';
const HKDF_INFO = 'eventq redrive address v1';

function deriveKey(jwk: PrivateSigningJwk): Buffer {
  // `d` is the private part of every key type eventq accepts (RSA, EC, OKP).
  const secret = Buffer.from(String(jwk.d), 'base64url');
  return Buffer.from(hkdfSync('sha256', secret, HKDF_SALT, HKDF_INFO, 32));
}

function mac(key: Buffer, a: RedriveAddress): Buffer {
  // Newlines cannot occur in tenant ids or queue names; source and id are length-prefixed.
  const text = `${a.tenant}\n${a.queue}\n${a.source.length}:${a.source}\n${a.id.length}:${a.id}`;
  return createHmac('sha256', key).update(text).digest();
}

export function createRedriveKeys(signingKeys: readonly PrivateSigningJwk[]): RedriveKeys {
  if (signingKeys.length === 0) throw new Error('redrive keys need at least one signing key');
  let keys: Buffer[] | undefined;
  // Derived on first use: dispatch needs them only when a message is addressed to a queue.
  const derived = () => {
    keys ??= signingKeys.map(deriveKey);
    return keys;
  };
  return {
    sign: (address) => `${SIGNATURE_VERSION},${mac(derived()[0]!, address).toString('base64url')}`,
    verify(address, signature) {
      const [version, encoded, ...rest] = signature.split(',');
      if (version !== SIGNATURE_VERSION || encoded === undefined || rest.length > 0) return false;
      const given = Buffer.from(encoded, 'base64url');
      if (given.length !== 32) return false;
      return derived().some((key) => timingSafeEqual(mac(key, address), given));
    },
  };
}
