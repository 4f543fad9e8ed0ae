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

/** What an operator sees of a token: never the token, only a short id derived from its hash. */
export interface TokenSummary {
  readonly id: string;
  readonly label: string;
  readonly createdAt: string;
}

const TOKEN_ID_LENGTH = 12;

export interface TokenStore {
  /** Creates a token for the tenant and returns it; this is the only time it is seen. */
  issue(tenant: string, label: string): Promise<string>;
  /** The tenant a token belongs to, or undefined. */
  tenantOf(token: string): Promise<string | undefined>;
  ensureTenant(tenant: string): Promise<void>;
  /** The tenant's tokens (a tenant may hold several, e.g. one per system). */
  list(tenant: string): Promise<TokenSummary[]>;
  /** Revokes the tenant's token with that id; false when there is none. */
  revoke(tenant: string, id: string): Promise<boolean>;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A token's id (TokenSummary id): the start of its hash, safe to show and to record. */
export function tokenIdOf(token: string): string {
  return hashToken(token).slice(0, TOKEN_ID_LENGTH);
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
    async list(tenant) {
      const snap = await withStoreDeadline('list tokens', () =>
        db().collection(collections.tokens).where('tenant', '==', tenant).get(),
      );
      return snap.docs
        .map((d) => d.data() as TokenRecord)
        .map((r) => ({ id: r.hash.slice(0, TOKEN_ID_LENGTH), label: r.label, createdAt: r.createdAt }))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async revoke(tenant, id) {
      if (!/^[0-9a-f]{12}$/.test(id)) return false;
      const snap = await withStoreDeadline('find token', () =>
        db().collection(collections.tokens).where('tenant', '==', tenant).get(),
      );
      const match = snap.docs.find((d) => d.id.startsWith(id));
      if (!match) return false;
      await withStoreDeadline('revoke token', () => match.ref.delete());
      return true;
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
