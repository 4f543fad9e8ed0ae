// Console sign-in (CONTRACT.md "Console and portal sessions"). A portal link
// carries a one-time code; the console exchanges it once for a session token.
// Both are random, shown once, and stored only as their SHA-256 (the document
// id of portalSessions/{hash}), like tenant tokens. Firestore's TTL policy
// deletes them after `expireAt`; until it does, every read checks the time
// itself, since TTL deletion may lag by a day.
import { randomBytes } from 'node:crypto';
import type { Firestore } from '@google-cloud/firestore';
import { collections } from '../tenancy/resource-names';
import { withStoreDeadline } from './firestore-client';
import { hashToken } from './token-store';

export type PortalAccess = 'read' | 'manage';

/** What a session token stands for. */
export interface PortalSession {
  readonly tenant: string;
  readonly access: PortalAccess;
  /** RFC 3339; the session ends then. */
  readonly expiresAt: string;
  /** The id of the tenant token that asked for the link (never the token): the audit trail's actor. */
  readonly madeBy?: string;
}

/** The session a code was exchanged for: its token, seen only by the console that exchanged it. */
export interface ExchangedSession extends PortalSession {
  readonly token: string;
}

interface StoredRecord {
  readonly kind: 'link' | 'session';
  readonly tenant: string;
  readonly access: PortalAccess;
  readonly expireAt: Date;
  readonly createdAt: string;
  readonly madeBy?: string;
}

/** Prefixes tell a session token from a tenant token (eqt_) at a glance, and in a leaked log line. */
export const PORTAL_CODE_PREFIX = 'eqc_';
export const SESSION_TOKEN_PREFIX = 'eqs_';

export interface PortalSessionStore {
  /** A one-time code for a console link; valid until `expiresAt` or its first exchange. */
  createLink(session: PortalSession): Promise<string>;
  /** Uses up a link's code: its session, or undefined when the code is unknown, used or expired. */
  exchange(code: string, now: number): Promise<ExchangedSession | undefined>;
  /** The live session of a session token, or undefined. */
  sessionOf(token: string, now: number): Promise<PortalSession | undefined>;
}

export const isSessionToken = (token: string): boolean => token.startsWith(SESSION_TOKEN_PREFIX);

function toRecord(kind: StoredRecord['kind'], session: PortalSession): StoredRecord {
  return {
    kind,
    tenant: session.tenant,
    access: session.access,
    expireAt: new Date(session.expiresAt),
    createdAt: new Date().toISOString(),
    ...(session.madeBy !== undefined ? { madeBy: session.madeBy } : {}),
  };
}

function toSession(record: StoredRecord): PortalSession {
  return {
    tenant: record.tenant,
    access: record.access,
    expiresAt: record.expireAt.toISOString(),
    ...(record.madeBy !== undefined ? { madeBy: record.madeBy } : {}),
  };
}

function expireAtOf(data: Record<string, unknown>): Date {
  const value = data.expireAt as Date | { toDate(): Date };
  return value instanceof Date ? value : value.toDate();
}

function readRecord(data: Record<string, unknown> | undefined): StoredRecord | undefined {
  return data ? ({ ...data, expireAt: expireAtOf(data) } as StoredRecord) : undefined;
}

export function firestorePortalSessionStore(db: () => Firestore): PortalSessionStore {
  const doc = (secret: string) => db().collection(collections.portalSessions).doc(hashToken(secret));
  return {
    async createLink(session) {
      const code = PORTAL_CODE_PREFIX + randomBytes(32).toString('base64url');
      await withStoreDeadline('create portal link', () => doc(code).create(toRecord('link', session)));
      return code;
    },
    async exchange(code, now) {
      const token = SESSION_TOKEN_PREFIX + randomBytes(32).toString('base64url');
      // One transaction: two consoles racing with the same code cannot both win.
      const session = await withStoreDeadline('exchange portal link', () =>
        db().runTransaction(async (tx) => {
          const link = doc(code);
          const record = readRecord((await tx.get(link)).data());
          if (record?.kind !== 'link') return undefined;
          tx.delete(link);
          if (record.expireAt.getTime() <= now) return undefined;
          tx.create(doc(token), toRecord('session', toSession(record)));
          return toSession(record);
        }),
      );
      return session && { ...session, token };
    },
    async sessionOf(token, now) {
      const record = readRecord((await withStoreDeadline('read session', () => doc(token).get())).data());
      if (record?.kind !== 'session' || record.expireAt.getTime() <= now) return undefined;
      return toSession(record);
    },
  };
}
