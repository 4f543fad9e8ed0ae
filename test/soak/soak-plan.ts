// What the soak runs: its tenants, their queues (push and pull, filtered and
// not, one ordered), and the events it publishes. Each queue carries the
// filters eventq is given and, beside them, `takes`: the soak's own plain
// statement of which events the queue should receive, so that the
// reconciliation does not check eventq's filter code against itself.
import type { Filter } from '../../functions/src/filters/filter';

export const SOAK_TENANTS = ['soak-a', 'soak-b', 'soak-c'] as const;
export type SoakTenant = (typeof SOAK_TENANTS)[number];

export interface SoakEvent {
  readonly id: string;
  readonly tenant: SoakTenant;
  readonly type: string;
  readonly source: string;
  readonly subject: string;
  /** Position within its subject on the ordered stream (publish order per ordering key). */
  readonly seq?: number;
}

export type EventPredicate = (event: SoakEvent) => boolean;

/** Which sink faults a push queue's sink takes part in (fault-schedule.ts says when). */
export type SinkFaultRole = 'errors' | 'timeouts' | 'too-many' | 'down';

export interface SoakQueueSpec {
  readonly tenant: SoakTenant;
  readonly name: string;
  readonly kind: 'push' | 'pull';
  readonly filters?: readonly Filter[];
  readonly takes: EventPredicate;
  readonly ordered?: boolean;
  readonly faults: readonly SinkFaultRole[];
  /** Created by the fault schedule mid-stream rather than before publishing starts. */
  readonly createdMidStream?: boolean;
}

export const ORDERED_SOURCE = '/soak/ordered';
export const DEVICE_SOURCE = '/soak/devices';
export const ORDERED_KEYS = ['line-0', 'line-1', 'line-2'] as const;

const isType =
  (type: string): EventPredicate =>
  (e) =>
    e.type === type;

/** The filters of `config` after the api restart's PATCH, and what they take. */
export const CONFIG_FILTERS_AFTER: readonly Filter[] = [{ prefix: { type: 'DEVICE_OTA' } }];
export const CONFIG_TAKES_AFTER: EventPredicate = (e) => e.type.startsWith('DEVICE_OTA');

export const SOAK_QUEUES: readonly SoakQueueSpec[] = [
  // Takes everything of its tenant; its sink times out now and then; replayed near the end.
  { tenant: 'soak-a', name: 'everything', kind: 'push', takes: () => true, faults: ['errors', 'timeouts'] },
  {
    tenant: 'soak-a',
    name: 'config',
    kind: 'push',
    filters: [{ exact: { type: 'DEVICE_CONFIG_APPLIED' } }],
    takes: isType('DEVICE_CONFIG_APPLIED'),
    faults: ['errors'],
  },
  {
    tenant: 'soak-a',
    name: 'ordered',
    kind: 'push',
    ordered: true,
    filters: [{ exact: { source: ORDERED_SOURCE } }],
    takes: (e) => e.source === ORDERED_SOURCE,
    faults: ['errors', 'timeouts'],
  },
  {
    tenant: 'soak-b',
    name: 'firmware',
    kind: 'pull',
    filters: [{ prefix: { type: 'DEVICE_OTA' } }],
    takes: (e) => e.type.startsWith('DEVICE_OTA'),
    faults: [],
  },
  {
    tenant: 'soak-b',
    name: 'flaky',
    kind: 'push',
    filters: [{ any: [{ exact: { type: 'DEVICE_FIRST_SEEN' } }, { suffix: { subject: '-3' } }] }],
    takes: (e) => e.type === 'DEVICE_FIRST_SEEN' || e.subject.endsWith('-3'),
    faults: ['errors', 'too-many', 'down'],
  },
  { tenant: 'soak-b', name: 'doomed', kind: 'push', takes: () => true, faults: ['errors'] },
  {
    tenant: 'soak-c',
    name: 'paused',
    kind: 'push',
    filters: [{ not: { exact: { type: 'DEVICE_OTA_STARTED' } } }],
    takes: (e) => e.type !== 'DEVICE_OTA_STARTED',
    faults: ['errors'],
  },
  {
    tenant: 'soak-c',
    name: 'latecomer',
    kind: 'push',
    filters: [{ all: [{ exact: { type: 'DEVICE_FIRST_SEEN' } }, { prefix: { subject: 'device-' } }] }],
    takes: (e) => e.type === 'DEVICE_FIRST_SEEN' && e.subject.startsWith('device-'),
    faults: ['errors'],
    createdMidStream: true,
  },
];

export const queueKey = (q: { tenant: string; name: string }): string => `${q.tenant}/${q.name}`;

const TYPES = ['DEVICE_FIRST_SEEN', 'DEVICE_CONFIG_APPLIED', 'DEVICE_OTA_STARTED', 'DEVICE_OTA_COMPLETED'];
const DEVICES = 16;

/** The n-th event of the device stream: tenants, types and subjects in turn. */
export function deviceEvent(n: number): SoakEvent {
  const tenant = SOAK_TENANTS[n % SOAK_TENANTS.length]!;
  return {
    id: `soak-${n}`,
    tenant,
    type: TYPES[Math.floor(n / SOAK_TENANTS.length) % TYPES.length]!,
    source: DEVICE_SOURCE,
    subject: `device-${n % DEVICES}`,
  };
}

/** The n-th event of the ordered stream (tenant soak-a): keys in turn, a sequence number per key. */
export function orderedEvent(n: number): SoakEvent {
  const key = ORDERED_KEYS[n % ORDERED_KEYS.length]!;
  const seq = Math.floor(n / ORDERED_KEYS.length);
  return {
    id: `ordered-${n}`,
    tenant: 'soak-a',
    type: 'DEVICE_FIRST_SEEN',
    source: ORDERED_SOURCE,
    subject: key,
    seq,
  };
}

const UUID = '6c4f8a9e-0b1d-4f53-9a7e-2f1c3d4b5a60';

/** Data valid against the catalog's schema of the event's type. */
export function eventData(event: SoakEvent): Record<string, unknown> {
  const base = { deviceUuid: UUID, ...(event.seq !== undefined ? { seq: event.seq } : {}) };
  switch (event.type) {
    case 'DEVICE_CONFIG_APPLIED':
      return { ...base, correlationId: event.id, success: true };
    case 'DEVICE_OTA_STARTED':
      return { ...base, correlationId: event.id, target: 'v2.1.0' };
    case 'DEVICE_OTA_COMPLETED':
      return { ...base, correlationId: event.id, target: 'v2.1.0', success: true };
    default:
      return base;
  }
}
