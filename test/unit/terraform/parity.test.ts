// Parity: from one tenant definition, what the local stack provisions (the
// code's own calls, recorded by a fake Pub/Sub) and what Terraform declares
// (the tenant module, parsed and evaluated) are the same resources with the
// same settings.
import type { PubSub } from '@google-cloud/pubsub';
import { apiConfigSpec } from '../../../functions/src/config/api-config';
import {
  type SubscriptionDefaults,
  subscriptionOptions,
} from '../../../functions/src/pubsub/queue-subscriptions';
import { ensureOperatorOpsTopic, ensureTenantTopics } from '../../../functions/src/pubsub/tenant-topics';
import { opsTopicPath, queueSubscriptionId, topicPath } from '../../../functions/src/tenancy/resource-names';
import {
  type Body,
  Evaluator,
  loadModule,
  objectVariableDefaults,
  resource,
  type TerraformModule,
} from './terraform-config';

const PROJECT = 'eventq-parity';
const TENANT = 'acme';

type Options = Record<string, unknown>;

interface Recorded {
  readonly topics: Options[];
  readonly subscriptions: { topic: string; name: string; options: Options }[];
}

/** A Pub/Sub stand-in that records the admin calls ensureTenantTopics makes. */
function recordingPubSub(): { pubsub: PubSub; recorded: Recorded } {
  const recorded: Recorded = { topics: [], subscriptions: [] };
  const fake = {
    createTopic: async (options: Options) => {
      recorded.topics.push(options);
      return [{}];
    },
    topic: (topic: string) => ({
      createSubscription: async (name: string, options: Options) => {
        recorded.subscriptions.push({ topic, name, options });
        return [{}];
      },
    }),
  };
  return { pubsub: fake as unknown as PubSub, recorded };
}

const duration = (d: unknown): string => `${(d as { seconds: number }).seconds}s`;

/**
 * What Terraform must declare for options given to the Pub/Sub client, in
 * the google provider's attribute names. An option it does not know fails the
 * test: a new setting in the code must be mirrored in terraform/ too.
 */
function asTerraform(options: Options): Options {
  const out: Options = {};
  for (const [key, value] of Object.entries(options)) {
    const v = value as Options;
    switch (key) {
      case 'name':
      case 'labels':
      case 'filter':
        out[key] = value;
        break;
      case 'ackDeadlineSeconds':
        out.ack_deadline_seconds = value;
        break;
      case 'retainAckedMessages':
        out.retain_acked_messages = value;
        break;
      case 'messageRetentionDuration':
        out.message_retention_duration = duration(value);
        break;
      case 'expirationPolicy':
        // {} is "never expires", which the provider spells ttl = "".
        out.expiration_policy = [{ ttl: v.ttl === undefined ? '' : duration(v.ttl) }];
        break;
      case 'deadLetterPolicy':
        out.dead_letter_policy = [
          { dead_letter_topic: v.deadLetterTopic, max_delivery_attempts: v.maxDeliveryAttempts },
        ];
        break;
      case 'retryPolicy':
        out.retry_policy = [
          { minimum_backoff: duration(v.minimumBackoff), maximum_backoff: duration(v.maximumBackoff) },
        ];
        break;
      default:
        throw new Error(`the parity test does not know the Pub/Sub option "${key}": mirror it in terraform/`);
    }
  }
  return out;
}

/** The evaluated attributes of a Terraform resource, limited to the keys expected. */
function declared(evaluator: Evaluator, body: Body, keys: string[]): Options {
  const out: Options = {};
  for (const key of keys) {
    const value = evaluator.value(body[key]);
    // An attribute set to null is not set at all.
    if (value !== null && value !== undefined) out[key] = value;
  }
  return out;
}

function tenantScope(platform: TerraformModule): Record<string, unknown> {
  const delivery = objectVariableDefaults(platform.variables.delivery!);
  return {
    project_id: PROJECT,
    tenant_id: TENANT,
    labels: {},
    service_accounts: { dispatch: 'dispatch@x', api: 'api@x' },
    pubsub_service_agent: 'agent@x',
    queue_defaults: {
      max_delivery_attempts: delivery.max_delivery_attempts,
      retry_min_backoff_seconds: delivery.retry_min_backoff_seconds,
      retry_max_backoff_seconds: delivery.retry_max_backoff_seconds,
    },
    static_queues: {},
  };
}

describe('parity between the local stack and Terraform', () => {
  let tenant: TerraformModule;
  let platform: TerraformModule;
  let recorded: Recorded;
  let evaluator: Evaluator;

  beforeAll(async () => {
    [tenant, platform] = await Promise.all([loadModule('modules/tenant'), loadModule('modules/platform')]);
    const fake = recordingPubSub();
    await ensureTenantTopics(fake.pubsub, TENANT);
    recorded = fake.recorded;
    evaluator = new Evaluator(tenant, { var: tenantScope(platform) });
  });

  /** The tenant module's resources of a type that exist once per tenant (not per static queue). */
  function perTenant(type: string): Body[] {
    return Object.values(tenant.resources[type] ?? {}).filter((body) => !('for_each' in body));
  }

  it('declares exactly the topics the local stack creates, by name', () => {
    const names = perTenant('google_pubsub_topic').map((t) => evaluator.value(t.name));
    expect(names.sort()).toEqual(recorded.topics.map((t) => t.name).sort());
    expect(names).toEqual(expect.arrayContaining(['eventq-acme', 'eventq-acme-dead', 'eventq-acme-ops']));
  });

  it('declares the operator-wide ops topic once, in the platform, as the local stack creates it', async () => {
    const fake = recordingPubSub();
    await ensureOperatorOpsTopic(fake.pubsub);
    const [options] = fake.recorded.topics;
    const expected = asTerraform(options!);
    const body = resource(platform, 'google_pubsub_topic', 'operator_ops');
    const platformEvaluator = new Evaluator(platform, { var: { project_id: PROJECT, labels: {} } });
    expect(declared(platformEvaluator, body, Object.keys(expected))).toEqual(expected);
    expect(Object.keys(tenant.resources.google_pubsub_topic ?? {})).not.toContain('operator_ops');
  });

  it('gives each topic, the dead-letter topic included, the retention the local stack gives it', () => {
    for (const options of recorded.topics) {
      const expected = asTerraform(options);
      const body = perTenant('google_pubsub_topic').find((t) => evaluator.value(t.name) === options.name);
      expect(declared(evaluator, body!, Object.keys(expected))).toEqual(expected);
    }
  });

  it('declares the dead-letter subscription with the settings the local stack gives it', () => {
    const subscriptions = perTenant('google_pubsub_subscription');
    expect(subscriptions.map((s) => evaluator.value(s.name)).sort()).toEqual(
      recorded.subscriptions.map((s) => s.name).sort(),
    );
    for (const { topic, name, options } of recorded.subscriptions) {
      const expected = { ...asTerraform({ name, ...options }), topic: `projects/${PROJECT}/topics/${topic}` };
      const body = subscriptions.find((s) => evaluator.value(s.name) === name);
      expect(declared(evaluator, body!, Object.keys(expected))).toEqual(expected);
    }
  });

  it("lets the api and dispatch publish to the tenant's ops topic, and the api attach ops queues to it", () => {
    const publishers = resource(tenant, 'google_pubsub_topic_iam_member', 'ops');
    expect(evaluator.value(publishers.topic)).toBe('eventq-acme-ops');
    expect(publishers.role).toBe('roles/pubsub.publisher');
    expect(Object.values(publishers.for_each as Record<string, string>).sort()).toEqual(
      [`\${var.service_accounts.api}`, `\${var.service_accounts.dispatch}`].sort(),
    );
    const subscriber = resource(tenant, 'google_pubsub_topic_iam_member', 'ops_subscriber');
    expect(`projects/${PROJECT}/topics/${evaluator.value(subscriber.topic)}`).toBe(
      opsTopicPath(PROJECT, TENANT),
    );
    expect(subscriber.role).toBe('roles/pubsub.subscriber');
  });

  describe('a static queue', () => {
    const defaults = (): SubscriptionDefaults => ({
      projectId: PROJECT,
      pushEndpoint: 'https://unused.example',
      pushAudience: 'https://unused.example',
      pushServiceAccount: 'unused@example',
      maxDeliveryAttempts: apiConfigSpec.maxDeliveryAttempts.defaultValue!,
      retryMinBackoffSeconds: apiConfigSpec.retryMinBackoffSeconds.defaultValue!,
      retryMaxBackoffSeconds: apiConfigSpec.retryMaxBackoffSeconds.defaultValue!,
    });

    it.each([
      ['without a filter', undefined],
      ['with a Pub/Sub filter', 'attributes.ce-type = "com.example.created"'],
    ])('%s gets the subscription the api would create for a pull queue', (_, filter) => {
      const queue = 'archive';
      const body = resource(tenant, 'google_pubsub_subscription', 'static_queue');
      const each = { key: queue, value: { filter: filter ?? null, subscribers: [] } };
      const queueEvaluator = new Evaluator(tenant, { var: tenantScope(platform), each });
      const expected = {
        ...asTerraform({
          name: queueSubscriptionId(TENANT, queue),
          ...subscriptionOptions({ tenant: TENANT, queue, push: false, pubsubFilter: filter }, defaults()),
        }),
        topic: topicPath(PROJECT, TENANT),
      };
      expect(declared(queueEvaluator, body, Object.keys(expected))).toEqual(expected);
    });
  });
});
