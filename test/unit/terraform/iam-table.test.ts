// terraform/README.md's IAM table lists every grant the modules make: an
// operator reviewing access reads the table, not the HCL. Walks the tenant
// module's topic grants and the platform's project grants.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type Body,
  expressionText,
  loadModule,
  TERRAFORM_DIR,
  type TerraformModule,
} from './terraform-config';

interface Row {
  readonly who: string[];
  readonly what: string;
}

/** The rows of the table under "## IAM". */
function iamTable(): Row[] {
  const readme = readFileSync(path.join(TERRAFORM_DIR, 'README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('\n## IAM'),
    readme.indexOf('\n## ', readme.indexOf('\n## IAM') + 1),
  );
  return section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| who') && !l.startsWith('| ---'))
    .map((l) => {
      const [who, what] = l.split(' | ').map((c) => c.replace(/^\| /, ''));
      return { who: who!.split(', ').map((w) => w.trim()), what: what! };
    });
}

/** Who a member expression is, in the table's words. */
const WHO: Record<string, string> = {
  'var.service_accounts.api': 'api',
  'var.service_accounts.dispatch': 'dispatch',
  'var.pubsub_service_agent': 'Pub/Sub service agent',
  'google_service_account.eventq["api"].member': 'api',
  'google_service_account.eventq["dispatch"].member': 'dispatch',
  'google_service_account.eventq["build"].member': 'build',
  'local.pubsub_service_agent': 'Pub/Sub service agent',
};
const who = (member: string): string => {
  const bare = member.replace(/^serviceAccount:\$\{(.*)\}$/, '$1').replace(/^\$\{(.*)\}$/, '$1');
  const found = WHO[bare];
  if (!found) throw new Error(`who is ${member}? add it to WHO`);
  return found;
};

const TOPIC: Record<string, string> = {
  'google_pubsub_topic.topic.name': 'each tenant topic',
  'google_pubsub_topic.dead_letter.name': 'each dead-letter topic',
  'google_pubsub_topic.ops.name': 'each ops topic',
};

/** [who, role, on what] of each tenant topic grant. */
function tenantTopicGrants(tenant: TerraformModule): [string, string, string][] {
  return Object.values(tenant.resources.google_pubsub_topic_iam_member ?? {}).flatMap((body: Body) => {
    const members =
      body.for_each && /each.value/.test(String(body.member))
        ? Object.values(body.for_each as Record<string, string>)
        : [String(body.member)];
    return members.map((m): [string, string, string] => [
      who(m),
      String(body.role),
      TOPIC[expressionText(body.topic)]!,
    ]);
  });
}

describe("the README's IAM table", () => {
  it('lists each tenant topic grant: who, the role, and on which topics', async () => {
    const grants = tenantTopicGrants(await loadModule('modules/tenant'));
    expect(grants).toEqual(expect.arrayContaining([['api', 'roles/pubsub.publisher', 'each tenant topic']]));
    const rows = iamTable();
    for (const [member, role, on] of grants) {
      const listed = rows.some((r) => r.who.includes(member) && r.what.includes(`\`${role}\` on ${on}`));
      expect({ member, role, on, listed }).toEqual({ member, role, on, listed: true });
    }
  });

  it("lists each of the platform's project grants to eventq's accounts", async () => {
    const platform = await loadModule('modules/platform');
    const grants = platform.locals.project_grants as Record<string, { member: string; role: string }>;
    const rows = iamTable();
    for (const [name, grant] of Object.entries(grants)) {
      const member = who(grant.member);
      // Custom roles are listed by what they are called in the table.
      const role = grant.role.startsWith('roles/') ? `\`${grant.role}\`` : 'custom role';
      const listed = rows.some((r) => r.who.includes(member) && r.what.includes(role));
      expect({ name, member, role, listed }).toEqual({ name, member, role, listed: true });
    }
  });
});
