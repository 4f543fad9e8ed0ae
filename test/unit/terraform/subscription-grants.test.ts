// What the api and dispatch may do to Pub/Sub subscriptions, and why those
// grants are project-wide without an IAM condition on eventq's names: Pub/Sub
// gives IAM Conditions no resource name, and checks a subscription's creation
// on the project. What does confine the api is where it may attach a
// subscription: its tenants' topics, and no other topic.
import { allows } from './iam-conditions';
import { type Body, expressionText, loadModule, type TerraformModule } from './terraform-config';

/**
 * Where Pub/Sub checks each subscription permission: "Required permissions"
 * in cloud.google.com/pubsub/docs/access-control ("projects.subscriptions.create:
 * pubsub.subscriptions.create on the containing Cloud project, and
 * pubsub.topics.attachSubscription on the requested topic").
 */
const CHECKED_ON: Readonly<Record<string, 'project' | 'subscription'>> = {
  'pubsub.subscriptions.create': 'project',
  'pubsub.subscriptions.list': 'project',
  'pubsub.subscriptions.consume': 'subscription',
  'pubsub.subscriptions.delete': 'subscription',
  'pubsub.subscriptions.get': 'subscription',
  'pubsub.subscriptions.getIamPolicy': 'subscription',
  'pubsub.subscriptions.setIamPolicy': 'subscription',
  'pubsub.subscriptions.update': 'subscription',
};

/**
 * The services whose requests give IAM Conditions resource attributes
 * (resource.name, resource.type, resource.service), from "Resource attributes
 * for IAM Conditions", cloud.google.com/iam/docs/conditions-resource-attributes:
 * "Other services and resource types do not recognize resource attributes."
 * Pub/Sub Lite is listed; Pub/Sub (pubsub.googleapis.com) is not.
 */
const RECOGNIZE_RESOURCE_ATTRIBUTES = [
  'cloudkms.googleapis.com',
  'cloudresourcemanager.googleapis.com',
  'compute.googleapis.com',
  'firestore.googleapis.com',
  'pubsublite.googleapis.com',
  'secretmanager.googleapis.com',
  'spanner.googleapis.com',
  'storage.googleapis.com',
];

/** Predefined roles that hold pubsub.topics.attachSubscription. */
const ATTACHING_ROLES = ['roles/pubsub.subscriber', 'roles/pubsub.editor', 'roles/pubsub.admin'];

const PROJECT = 'my-project';
const API = `\${google_service_account.eventq["api"].member}`;
const DISPATCH = `\${google_service_account.eventq["dispatch"].member}`;

interface Grant {
  readonly member: string;
  readonly role: string;
  readonly condition: unknown;
}

let platform: TerraformModule;
let tenant: TerraformModule;
beforeAll(async () => {
  [platform, tenant] = await Promise.all([loadModule('modules/platform'), loadModule('modules/tenant')]);
});

const grants = (): [string, Grant][] =>
  Object.entries(platform.locals.project_grants as Record<string, Grant>);

/** The permissions of a grant's custom role; undefined for a predefined role. */
function customPermissions(role: string): string[] | undefined {
  const name = /^\$\{google_project_iam_custom_role\.(\w+)\.name\}$/.exec(role)?.[1];
  if (!name) return undefined;
  return platform.resources.google_project_iam_custom_role![name]!.permissions as string[];
}

const subscriptionGrants = (): [string, Grant, string[]][] =>
  grants().flatMap(([key, grant]) => {
    const permissions = customPermissions(grant.role);
    return permissions?.some((p) => p.startsWith('pubsub.')) ? [[key, grant, permissions]] : [];
  });

describe("the api's and dispatch's subscription grants", () => {
  it('are the custom roles of the api and dispatch, project-wide', () => {
    expect(subscriptionGrants().map(([key, grant]) => [key, grant.member])).toEqual([
      ['api-subscriptions', API],
      ['dispatch-push-control', DISPATCH],
    ]);
  });

  it('hold subscription permissions only, each one whose check is known', () => {
    for (const [key, , permissions] of subscriptionGrants()) {
      for (const permission of permissions) {
        expect({ key, permission, known: permission in CHECKED_ON }).toEqual({
          key,
          permission,
          known: true,
        });
      }
    }
  });

  it('give dispatch nothing but changing a push configuration', () => {
    const [, , permissions] = subscriptionGrants().find(([key]) => key === 'dispatch-push-control')!;
    expect(permissions).toEqual(['pubsub.subscriptions.update']);
  });

  it('carry no resource.name condition, which Pub/Sub would not give a name to judge', () => {
    expect(RECOGNIZE_RESOURCE_ATTRIBUTES).not.toContain('pubsub.googleapis.com');
    for (const [key, grant] of subscriptionGrants()) {
      expect({ key, condition: grant.condition }).toEqual({ key, condition: null });
    }
  });

  it("could not be confined to eventq's names even where a name is given: creating is checked on the project", () => {
    const ownNames = `resource.name.startsWith("projects/${PROJECT}/subscriptions/eventq-")`;
    const [, , permissions] = subscriptionGrants().find(([key]) => key === 'api-subscriptions')!;
    const judged = (permission: string): string =>
      CHECKED_ON[permission] === 'project'
        ? `projects/${PROJECT}`
        : `projects/${PROJECT}/subscriptions/eventq-acme.orders`;
    // The api's own queue would be refused its creation (and listing), not just other names.
    const refused = permissions.filter((p) => !allows(ownNames, judged(p)));
    expect(refused.sort()).toEqual(['pubsub.subscriptions.create', 'pubsub.subscriptions.list']);
  });
});

describe('attaching a subscription to a topic', () => {
  /** [resource, role, topic] of the tenant module's topic grants to the api. */
  const apiTopicGrants = (): [string, string, string][] =>
    Object.entries(tenant.resources.google_pubsub_topic_iam_member ?? {}).flatMap(
      ([name, body]: [string, Body]) => {
        const members = body.for_each
          ? Object.values(body.for_each as Record<string, string>)
          : [String(body.member).replace(/^serviceAccount:\$\{(.*)\}$/, '$1')];
        return members
          .filter((m) => m === `\${var.service_accounts.api}` || m === 'var.service_accounts.api')
          .map((): [string, string, string] => [name, String(body.role), expressionText(body.topic)]);
      },
    );

  it("is granted to the api on its tenant's topic and ops topic, and on no other topic", () => {
    const attaching = apiTopicGrants().filter(([, role]) => ATTACHING_ROLES.includes(role));
    expect(attaching.length).toBeGreaterThan(0);
    const streams = ['google_pubsub_topic.topic.name', 'google_pubsub_topic.ops.name'];
    for (const [name, , topic] of attaching) {
      expect({ name, allowed: streams.includes(topic) }).toEqual({ name, allowed: true });
    }
  });

  it('is granted to the api nowhere project-wide', () => {
    for (const [key, grant] of grants()) {
      if (grant.member !== API) continue;
      expect({ key, role: grant.role, attaches: ATTACHING_ROLES.includes(grant.role) }).toEqual({
        key,
        role: grant.role,
        attaches: false,
      });
      const permissions = customPermissions(grant.role) ?? [];
      expect({ key, topics: permissions.filter((p) => p.startsWith('pubsub.topics.')) }).toEqual({
        key,
        topics: [],
      });
    }
    expect(tenant.resources.google_project_iam_member).toBeUndefined();
  });
});
