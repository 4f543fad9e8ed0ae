// In-memory stand-ins for the audit store and the ops publisher, for unit
// tests of the api: the store keeps entries as Firestore would (create only,
// newest first); the publisher keeps what it was handed. The real ones are
// tested against the emulators (test/integration/audit/).
import type { StoredAuditEntry } from '../../../functions/src/audit/audit-entry';
import { publicAuditEntry } from '../../../functions/src/audit/audit-entry';
import type { AuditStore } from '../../../functions/src/audit/audit-store';
import type { OpsEventInput } from '../../../functions/src/ops/ops-event';
import type { OpsPublisher } from '../../../functions/src/ops/ops-publisher';

export interface MemoryAuditStore extends AuditStore {
  readonly entries: StoredAuditEntry[];
  /** Makes every later record() reject, as Firestore down would. */
  failWrites(): void;
}

export function memoryAuditStore(): MemoryAuditStore {
  const entries: StoredAuditEntry[] = [];
  let failing = false;
  return {
    entries,
    failWrites: () => {
      failing = true;
    },
    async record(_tenant, batch) {
      if (failing) throw new Error('the store is down');
      for (const entry of batch) {
        if (entries.some((e) => e.id === entry.id)) throw new Error('ALREADY_EXISTS');
      }
      entries.push(...batch);
    },
    async search(_tenant, search) {
      const found = entries
        .filter((e) =>
          search.filters.every((f) => (e as unknown as Record<string, unknown>)[f.field] === f.value),
        )
        .sort((a, b) => b.timeMs - a.timeMs || b.id.localeCompare(a.id))
        .slice(0, search.limit);
      return { entries: found.map(publicAuditEntry) };
    },
  };
}

export interface MemoryOpsPublisher extends OpsPublisher {
  readonly published: OpsEventInput[];
}

export function memoryOpsPublisher(): MemoryOpsPublisher {
  const published: OpsEventInput[] = [];
  return {
    published,
    publish(input) {
      published.push(input);
      return input.id ?? `ops-${published.length}`;
    },
    drain: async () => undefined,
    counts: () => ({ published: published.length, unpublished: 0, pending: 0 }),
  };
}
