// The bodies of POST /subscriptions and PUT /subscriptions/{id} as the api's
// own schemas (subscription-schemas.ts) admit them, typed for the handlers.
import type { Filter } from '../../filters/filter';

/** The delivery protocols of the document's Protocol enum; eventq delivers over HTTP only. */
export const PROTOCOLS = ['HTTP', 'MQTT3', 'MQTT5', 'AMQP', 'NATS', 'KAFKA'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/** The document's SubscriptionRequest; `id` is eventq's addition (the queue name to use). */
export interface SubscriptionRequestBody {
  readonly id?: string;
  readonly protocol: Protocol;
  readonly protocolsettings?: Record<string, unknown>;
  readonly sink: string;
  readonly sinkcredential?: Record<string, unknown>;
  readonly source?: string;
  readonly types?: string[];
  readonly filters?: Filter[];
  readonly config?: Record<string, string>;
}

/** The document's Subscription: the request with its id (the PUT body). */
export interface SubscriptionBody extends SubscriptionRequestBody {
  readonly id: string;
}
