// The build account: Cloud Build builds both functions as eventq-build, which
// must be able to read the source where Cloud Functions puts it (its own
// gcf-v2-sources-<number>-<region> bucket, provider issue #20571), and whose
// grants must have propagated before the first build starts.

import { allows } from './iam-conditions';
import { waitsFor } from './references';
import { type Body, block, loadModule, resource, type TerraformModule } from './terraform-config';

/**
 * What the google provider's own example "Cloudfunctions2 Basic Builder"
 * (website/docs/r/cloudfunctions2_function.html.markdown, hashicorp/terraform-provider-google)
 * grants its build account, and how long it waits for them to propagate.
 */
const PROVIDER_BUILDER_EXAMPLE = {
  roles: ['roles/logging.logWriter', 'roles/artifactregistry.writer', 'roles/storage.objectAdmin'],
  waitSeconds: 60,
};

const BUILD_MEMBER = `\${google_service_account.eventq["build"].member}`;
const NUMBER = '123456789012';
const REGION = 'europe-west1';

interface Grant {
  readonly member: string;
  readonly role: string;
  readonly condition: string | null;
}

let platform: TerraformModule;
beforeAll(async () => {
  platform = await loadModule('modules/platform');
});

const grants = (): Record<string, Grant> => platform.locals.project_grants as Record<string, Grant>;
const buildGrants = (): [string, Grant][] =>
  Object.entries(grants()).filter(([, g]) => g.member === BUILD_MEMBER);

/** A grant's IAM condition expression, with the project number and region put in. */
function conditionOf(grant: Grant): string {
  const local = /^\$\{local\.(\w+)\}$/.exec(String(grant.condition))?.[1];
  if (!local) throw new Error(`no condition local in ${grant.condition}`);
  const bucket = String(platform.locals.function_sources_bucket)
    .replaceAll(`\${data.google_project.this.number}`, NUMBER)
    .replaceAll(`\${var.region}`, REGION);
  return (platform.locals[local] as { expression: string }).expression.replaceAll(
    `\${local.function_sources_bucket}`,
    bucket,
  );
}

describe('the build account', () => {
  it("holds every role of the provider's builder example", () => {
    expect(buildGrants().map(([, g]) => g.role)).toEqual(
      expect.arrayContaining(PROVIDER_BUILDER_EXAMPLE.roles),
    );
  });

  it('builds both functions', () => {
    for (const name of ['dispatch', 'api']) {
      const build = block(resource(platform, 'google_cloudfunctions2_function', name), 'build_config');
      expect(build.service_account).toBe(`\${google_service_account.eventq["build"].id}`);
    }
  });

  const bucket = `projects/_/buckets/gcf-v2-sources-${NUMBER}-${REGION}`;
  it.each<[string, string, boolean]>([
    ['the Cloud Functions source bucket of its region', bucket, true],
    ['an archive in that bucket', `${bucket}/eventq-dispatch/function-source.zip`, true],
    ['the source bucket of a region whose name starts the same', `${bucket}0`, false],
    ['an object in that other bucket', `${bucket}0/x.zip`, false],
    ["another project's source bucket", 'projects/_/buckets/gcf-v2-sources-999-europe-west1/a.zip', false],
    ["eventq's own source bucket", 'projects/_/buckets/my-project-eventq-source/eventq-source-x.zip', false],
    ['any other bucket', 'projects/_/buckets/some-bucket/secret.json', false],
  ])('confines its storage grant to the source bucket: %s (%s) allowed: %s', (_what, name, allowed) => {
    const storage = buildGrants().filter(([, g]) => g.role.startsWith('roles/storage.'));
    expect(storage.length).toBeGreaterThan(0);
    for (const [key, grant] of storage) {
      expect({ key, name, allowed: allows(conditionOf(grant), name) }).toEqual({ key, name, allowed });
    }
  });

  it('names the bucket after the project number and the functions region', () => {
    expect(platform.locals.function_sources_bucket).toBe(
      `projects/_/buckets/gcf-v2-sources-\${data.google_project.this.number}-\${var.region}`,
    );
  });

  it("has had its grants for as long as the provider's example waits before either function is built", () => {
    const sleep: Body = resource(platform, 'time_sleep', 'build_iam');
    expect(Number.parseInt(String(sleep.create_duration), 10)).toBeGreaterThanOrEqual(
      PROVIDER_BUILDER_EXAMPLE.waitSeconds,
    );
    expect(String(sleep.create_duration)).toMatch(/^\d+s$/);
    // The wait follows every build grant (so it is waited for again when one changes) ...
    expect(waitsFor(platform, 'time_sleep.build_iam', 'google_project_iam_member.eventq')).toBe(true);
    expect(
      waitsFor(platform, 'time_sleep.build_iam', 'google_storage_bucket_iam_member.build_reads_source'),
    ).toBe(true);
    expect(platform.locals.build_grants).toBe(
      `\${[for name in keys(local.project_grants) : name if startswith(name, "build-")]}`,
    );
    for (const [key] of buildGrants()) expect(key).toMatch(/^build-/);
    // ... and both functions wait for it.
    for (const name of ['dispatch', 'api']) {
      const fn = resource(platform, 'google_cloudfunctions2_function', name);
      expect(fn.depends_on).toEqual(expect.arrayContaining([`\${time_sleep.build_iam}`]));
    }
  });

  it('keeps the grant conditions in the IAM binding, where they take effect', () => {
    const binding = resource(platform, 'google_project_iam_member', 'eventq');
    const condition = block(binding.dynamic as Body, 'condition');
    expect(condition.for_each).toBe(`\${each.value.condition == null ? [] : [each.value.condition]}`);
    expect(block(condition, 'content').expression).toBe(`\${condition.value.expression}`);
  });
});
