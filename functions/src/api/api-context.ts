// What an API route handler receives and returns.

import type { PubSub } from '@google-cloud/pubsub';
import type { AuditStore } from '../audit/audit-store';
import type { ActionAudit } from '../audit/audited-call';
import type { EventCatalog } from '../catalog/event-catalog';
import type { ApiConfig } from '../config/api-config';
import type { DeliveryTokenIssuer } from '../delivery/delivery-token';
import type { SinkPoster } from '../delivery/post-to-sink';
import type { SinkAddressPolicy } from '../delivery/sink-address-policy';
import type { LogStore } from '../message-log/log-store';
import type { OpsPublisher } from '../ops/ops-publisher';
import type { RedriveKeys } from '../pubsub/redrive-signature';
import type { FailureStore } from '../store/failure-store';
import type { PortalSessionStore } from '../store/portal-session-store';
import type { QueueStore } from '../store/queue-store';
import type { StatsReader } from '../store/stats-store';
import type { TokenStore } from '../store/token-store';

export interface ApiServices {
  readonly config: ApiConfig;
  readonly queues: QueueStore;
  readonly tokens: TokenStore;
  readonly pubsub: () => PubSub;
  readonly sinkPolicy: SinkAddressPolicy;
  readonly post: SinkPoster;
  readonly catalog: EventCatalog;
  /** Signs the bearer JWT of test deliveries, as dispatch does for real ones. */
  readonly deliveryTokens: DeliveryTokenIssuer;
  /** eventq's origin, sent as WebHook-Request-Origin. */
  readonly origin: string;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly failures: FailureStore;
  /** The message log: search, detail (message-log/log-store.ts). */
  readonly messageLog: LogStore;
  /** Signs the address of redriven and resent events (pubsub/redrive-signature.ts). */
  readonly redriveKeys: RedriveKeys;
  /** The delivery counters of a queue, summed over dispatch's shards: totals and hour buckets. */
  readonly stats: StatsReader;
  /** Console sign-in: one-time links and the sessions made from them. */
  readonly portalSessions: PortalSessionStore;
  /** The audit trail (audit/audit-store.ts): every mutating call is recorded there before it acts. */
  readonly audit: AuditStore;
  /** Operational events (ops/ops-publisher.ts), published after an action completed; never waits. */
  readonly ops: OpsPublisher;
}

export interface RouteRequest<Body = undefined> {
  readonly tenant: string;
  readonly params: Readonly<Record<string, string>>;
  /** Checked against the route's request schema already; undefined for a route that takes no body. */
  readonly body: Body;
  /** The query string, as Express parses it. */
  readonly query: Readonly<Record<string, unknown>>;
  /** Who called: the token's (or session's) id, never the token. */
  readonly caller?: { readonly id: string };
  /** A mutating call's audit: where a handler reports what else its action caused. */
  readonly audit?: ActionAudit;
}

export interface RouteAnswer {
  readonly status: number;
  readonly body?: unknown;
  /** Headers of the answer beside content-type and cache-control. */
  readonly headers?: Readonly<Record<string, string>>;
}

export type RouteHandler<Body = undefined> = (
  request: RouteRequest<Body>,
  services: ApiServices,
) => Promise<RouteAnswer>;
