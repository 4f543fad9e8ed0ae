// What each tenant gets from Terraform: its topics with retention, the IAM that
// dead-lettering needs, and the wiring from the root module's tenants map.

import { TOPIC_RETENTION_SECONDS } from '../../../functions/src/pubsub/tenant-topics';
import { QUEUE_NAME_PATTERN, topicPath } from '../../../functions/src/tenancy/resource-names';
import {
  type Body,
  blocks,
  Evaluator,
  expressionText,
  loadModule,
  resource,
  type TerraformModule,
} from './terraform-config';

let tenant: TerraformModule;
let root: TerraformModule;
let example: TerraformModule;

beforeAll(async () => {
  [tenant, root, example] = await Promise.all([
    loadModule('modules/tenant'),
    loadModule('.'),
    loadModule('examples/two-tenants'),
  ]);
});

const scope = (tenantId: string) => ({
  var: { project_id: 'p-123456', tenant_id: tenantId, labels: {}, static_queues: {} },
});

describe.each(['acme', 'globex'])('tenant %s', (id) => {
  it('gets its topic eventq-<tenant> with retention for replay', () => {
    const evaluator = new Evaluator(tenant, scope(id));
    const topic = resource(tenant, 'google_pubsub_topic', 'topic');
    expect(`projects/${evaluator.value(topic.project)}/topics/${evaluator.value(topic.name)}`).toBe(
      topicPath('p-123456', id),
    );
    expect(evaluator.value(topic.message_retention_duration)).toBe(`${TOPIC_RETENTION_SECONDS}s`);
  });

  it('gets its dead-letter topic with retention', () => {
    const evaluator = new Evaluator(tenant, scope(id));
    const dead = resource(tenant, 'google_pubsub_topic', 'dead_letter');
    expect(evaluator.value(dead.name)).toBe(`eventq-${id}-dead`);
    expect(evaluator.value(dead.message_retention_duration)).toBe(`${TOPIC_RETENTION_SECONDS}s`);
  });
});

describe('IAM for dead-lettering', () => {
  const grants = (name: string): Body => resource(tenant, 'google_pubsub_topic_iam_member', name);

  it('lets the Pub/Sub service agent publish to the dead-letter topic', () => {
    const deadLetter = grants('dead_letter');
    expect(deadLetter.topic).toBe(`\${google_pubsub_topic.dead_letter.name}`);
    expect(deadLetter.role).toBe('roles/pubsub.publisher');
    expect(Object.values(deadLetter.for_each as Record<string, string>)).toContain(
      `\${var.pubsub_service_agent}`,
    );
    expect(deadLetter.member).toBe(`serviceAccount:\${each.value}`);
  });

  it('lets dispatch publish the events it can never deliver to the dead-letter topic', () => {
    expect(Object.values(grants('dead_letter').for_each as Record<string, string>)).toContain(
      `\${var.service_accounts.dispatch}`,
    );
  });

  it("lets the api attach queue subscriptions to the tenant's topic only", () => {
    const topic = grants('topic');
    expect(topic.topic).toBe(`\${google_pubsub_topic.topic.name}`);
    expect(topic.role).toBe('roles/pubsub.subscriber');
    expect(Object.values(topic.for_each as Record<string, string>)).toEqual([`\${var.service_accounts.api}`]);
  });

  it('makes static queues wait for the dead-letter grants before dead-lettering to it', () => {
    const queue = resource(tenant, 'google_pubsub_subscription', 'static_queue');
    expect(queue.depends_on).toEqual([`\${google_pubsub_topic_iam_member.dead_letter}`]);
  });
});

describe('static queues', () => {
  it('are keyed by queue name, named as the code names queue subscriptions', () => {
    const queue = resource(tenant, 'google_pubsub_subscription', 'static_queue');
    expect(queue.for_each).toBe(`\${var.static_queues}`);
    expect(queue.name).toBe(`eventq-\${var.tenant_id}.\${each.key}`);
  });

  it("validate queue names with the code's QUEUE_NAME_PATTERN", () => {
    const conditions = blocks(tenant.variables.static_queues!, 'validation').map((v) =>
      expressionText(v.condition),
    );
    const pattern = conditions
      .map((c) => /can\(regex\("((?:[^"\\]|\\.)*)", name\)\)/.exec(c)?.[1])
      .find((p) => p !== undefined);
    expect(pattern && JSON.parse(`"${pattern}"`)).toBe(QUEUE_NAME_PATTERN.source);
  });
});

describe('the root module', () => {
  it('makes one tenant module per entry of the tenants map, keyed by tenant id', () => {
    const call = root.modules.tenant!;
    expect(call.source).toBe('./modules/tenant');
    expect(call.for_each).toBe(`\${var.tenants}`);
    expect(call.tenant_id).toBe(`\${each.key}`);
  });

  it("passes the platform's accounts and service agent, and the api's queue defaults, to each tenant", () => {
    const call = root.modules.tenant!;
    expect(call.pubsub_service_agent).toBe(`\${module.platform.pubsub_service_agent}`);
    expect(call.service_accounts).toEqual({
      dispatch: `\${module.platform.service_accounts["dispatch"]}`,
      api: `\${module.platform.service_accounts["api"]}`,
    });
    const defaults = call.queue_defaults as Record<string, string>;
    for (const [key, value] of Object.entries(defaults)) {
      expect(value).toBe(`\${var.delivery.${key}}`);
    }
  });

  it("outputs each tenant's topic", () => {
    expect(JSON.stringify(root.outputs.tenants!.value)).toContain('tenant.topic');
  });
});

describe('the two-tenants example', () => {
  it('uses the root module with two tenants', () => {
    const call = example.modules.eventq!;
    expect(call.source).toBe('../..');
    expect(Object.keys(call.tenants as Record<string, unknown>).sort()).toEqual(['acme', 'globex']);
  });
});
