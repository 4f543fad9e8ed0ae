// The tenant's endpoints (endpoint spec): where its events are produced (its
// Pub/Sub topic) and the two HTTP subscription managers of the api that make
// them flow to a sink or a pull subscription. Separate Endpoints, since an
// HTTP endpoint has exactly one usage, tied together by one channel. The
// tenant's own events flow through all three; the operational events only
// through the queue API (a queue with "stream": "ops"), since eventq, not the
// tenant, publishes them, and the Subscriptions API has no stream setting.
import { topicPath } from '../tenancy/resource-names';
import type { GroupNode } from './registry-tree';

export interface EndpointSettings {
  readonly tenant: string;
  readonly projectId: string;
  /** The api's base URL. */
  readonly apiUrl: string;
  /** host:port of the Pub/Sub emulator, when there is one: then that is where the topic is. */
  readonly pubsubEmulatorHost?: string | undefined;
  /** xids of the Message Groups the endpoints carry: the tenant's events, and eventq's operational ones. */
  readonly messageGroups: { readonly events: readonly string[]; readonly operational: readonly string[] };
}

const bearerToken = [{ name: 'Authorization', value: 'Bearer {token}' }];

export function tenantEndpoints(settings: EndpointSettings): ReadonlyMap<string, GroupNode> {
  const { tenant, apiUrl, messageGroups } = settings;
  const topic = topicPath(settings.projectId, tenant);
  const pubsub = settings.pubsubEmulatorHost
    ? `http://${settings.pubsubEmulatorHost}`
    : 'https://pubsub.googleapis.com';
  const shared = {
    channel: `eventq-${tenant}`,
    envelope: 'CloudEvents/1.0',
    messagegroups: messageGroups.events,
  };
  const endpoint = (attributes: Record<string, unknown>): GroupNode => ({
    attributes: { ...shared, ...attributes },
    resources: { messages: new Map() },
  });
  return new Map([
    [
      'publish',
      endpoint({
        name: `Topic ${topic}`,
        description:
          "Publish the tenant's events here: CloudEvents in the Pub/Sub protocol binding, binary or structured mode.",
        usage: ['producer'],
        // Pub/Sub is not one of the endpoint spec's predefined protocols, which allows others of this form.
        protocol: 'GooglePubSub/v1',
        protocoloptions: {
          endpoints: [{ uri: `${pubsub}/v1/${topic}` }],
          topic,
          authorization: [{ type: 'OAuth2', authorityuri: 'https://oauth2.googleapis.com/token' }],
        },
      }),
    ],
    [
      'queues',
      endpoint({
        name: 'eventq queues',
        description:
          'Create a push or pull queue that receives the tenant\'s events, or with "stream": "ops" its operational events (eventq\'s queue API).',
        usage: ['subscriber'],
        messagegroups: [...messageGroups.events, ...messageGroups.operational],
        protocol: 'HTTP',
        protocoloptions: {
          endpoints: [{ uri: `${apiUrl}/v1/queues` }],
          method: 'POST',
          headers: bearerToken,
        },
      }),
    ],
    [
      'subscriptions',
      endpoint({
        name: 'CloudEvents subscriptions',
        description: 'The same queues through the CloudEvents Subscriptions API.',
        usage: ['subscriber'],
        protocol: 'HTTP',
        protocoloptions: {
          endpoints: [{ uri: `${apiUrl}/subscriptions` }],
          method: 'POST',
          headers: bearerToken,
        },
      }),
    ],
  ]);
}
