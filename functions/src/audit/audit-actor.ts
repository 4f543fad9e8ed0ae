// Who an API call's audit entries name: a tenant token by its id and label
// (never the token), a console session by its own id and the token its link
// was made by. A token's label is read once per token per instance (a minute):
// mutating calls are few, and a renamed label may lag that long.
import { BoundedMap } from '../caching/bounded-map';
import type { TokenStore } from '../store/token-store';
import type { AuditActor } from './audit-entry';

/** Who called, as authenticate.ts resolved it. */
export interface CallerIdentity {
  readonly tenant: string;
  readonly via: 'tenant-token' | 'portal-session';
  /** The tenant token's id, or the session's. */
  readonly id: string;
  readonly access: string;
  /** A session: the id of the tenant token whose link made it, when known. */
  readonly onBehalfOf?: string;
}

export type ActorResolver = (caller: CallerIdentity) => Promise<AuditActor>;

const LABEL_TTL_MS = 60_000;

export function createActorResolver(tokens: TokenStore, now: () => number): ActorResolver {
  const labels = new BoundedMap<string, { label: string; until: number }>(1_000);
  async function labelOf(tenant: string, id: string): Promise<string> {
    const key = `${tenant}/${id}`;
    const known = labels.get(key);
    if (known && known.until > now()) return known.label;
    // The id is who acted; the label only names it. Unreadable, it is left empty (and not
    // remembered) rather than fail the call: the request's entry, written next, fails the
    // call if Firestore is down.
    try {
      const label = (await tokens.list(tenant)).find((t) => t.id === id)?.label ?? '';
      labels.set(key, { label, until: now() + LABEL_TTL_MS });
      return label;
    } catch {
      return '';
    }
  }
  return async (caller) => {
    if (caller.via === 'portal-session') {
      return {
        id: caller.id,
        label: `console session (${caller.access})`,
        via: 'portal-session',
        ...(caller.onBehalfOf !== undefined ? { onBehalfOf: caller.onBehalfOf } : {}),
      };
    }
    return { id: caller.id, label: await labelOf(caller.tenant, caller.id), via: 'tenant-token' };
  };
}

/** The `actor` of an operational event: the token that acted (for a session, the token behind it). */
export const opsActorOf = (actor: AuditActor): string => actor.onBehalfOf ?? actor.id;
