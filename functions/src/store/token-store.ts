// Tenant API tokens: random, shown once, stored only as a SHA-256 hash (the
// document id of tokens/{hash}), so a leaked database holds no usable token.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Firestore } from '@google-cloud/firestore';
import { collections, tenantDocPath } from '../tenancy/resource-names';
import { withStoreDeadline } from './firestore-client';

const TOKEN_PREFIX = 'eqt_';

export interface TokenRecord {
  readonly tenant: string;
  readonly hash: string;
  readonly label: string;
  readonly createdAt: string;
}

export interface TokenStore {
  /** Creates a token for the tenant and returns it; this is the only time it is seen. */
  issue(tenant: string, label: string): Promise<string>;
  /** The tenant a token belongs to, or undefined. */
  tenantOf(token: string): Promise<string | undefined>;
  ensureTenant(tenant: string): Promise<void>;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function firestoreTokenStore(db: () => Firestore): TokenStore {
  return {
    async issue(tenant, label) {
      const token = generateToken();
      const hash = hashToken(token);
      const record: TokenRecord = { tenant, hash, label, createdAt: new Date().toISOString() };
      await withStoreDeadline('issue token', () =>
        db().collection(collections.tokens).doc(hash).create(record),
      );
      return token;
    },
    async tenantOf(token) {
      const hash = hashToken(token);
      const snap = await withStoreDeadline('read token', () =>
        db().collection(collections.tokens).doc(hash).get(),
      );
      if (!snap.exists) return undefined;
      const record = snap.data() as TokenRecord;
      // The lookup is by hash already; compare once more in constant time so that
      // no code path ever compares token material with an early exit.
      const stored = Buffer.from(record.hash, 'hex');
      const given = Buffer.from(hash, 'hex');
      return stored.length === given.length && timingSafeEqual(stored, given) ? record.tenant : undefined;
    },
    async ensureTenant(tenant) {
      await withStoreDeadline('write tenant', () =>
        db()
          .doc(tenantDocPath(tenant))
          .set({ id: tenant, updatedAt: new Date().toISOString() }, { merge: true }),
      );
    },
  };
}
