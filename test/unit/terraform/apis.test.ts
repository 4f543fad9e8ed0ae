// A single apply on a fresh project: every API that a resource calls is
// enabled by the platform, and every resource waits for the enablement (in the
// graph that Terraform builds from references and depends_on).

import { addresses, usesVariable, waitsFor } from './references';
import { expressionText, loadModule, type TerraformModule } from './terraform-config';

const ENABLED = 'google_project_service.enabled';

/**
 * The APIs behind each resource and data source type (the provider calls the
 * first; Cloud Functions 2nd gen builds with Cloud Build into Artifact
 * Registry and runs on Cloud Run). A type that is not here fails the test:
 * say which API it needs.
 */
const APIS_OF: Record<string, string[]> = {
  google_project: ['cloudresourcemanager.googleapis.com'],
  google_project_iam_member: ['cloudresourcemanager.googleapis.com'],
  google_project_iam_custom_role: ['iam.googleapis.com'],
  google_service_account: ['iam.googleapis.com'],
  google_service_account_iam_member: ['iam.googleapis.com'],
  google_storage_bucket: ['storage.googleapis.com'],
  google_storage_bucket_object: ['storage.googleapis.com'],
  google_storage_bucket_iam_member: ['storage.googleapis.com'],
  google_cloudfunctions2_function: [
    'cloudfunctions.googleapis.com',
    'cloudbuild.googleapis.com',
    'artifactregistry.googleapis.com',
    'run.googleapis.com',
  ],
  google_cloud_run_v2_service_iam_member: ['run.googleapis.com'],
  google_firestore_database: ['firestore.googleapis.com'],
  google_firestore_field: ['firestore.googleapis.com'],
  google_firestore_index: ['firestore.googleapis.com'],
  google_secret_manager_secret: ['secretmanager.googleapis.com'],
  google_secret_manager_secret_iam_member: ['secretmanager.googleapis.com'],
  google_logging_metric: ['logging.googleapis.com'],
  google_monitoring_alert_policy: ['monitoring.googleapis.com'],
  google_pubsub_topic: ['pubsub.googleapis.com'],
  google_pubsub_topic_iam_member: ['pubsub.googleapis.com'],
  google_pubsub_subscription: ['pubsub.googleapis.com'],
  google_pubsub_subscription_iam_member: ['pubsub.googleapis.com'],
};

/** Resources that call no Google API. */
const LOCAL_ONLY = /^(data\.)?(archive_file|time_sleep)\./;

let root: TerraformModule;
let platform: TerraformModule;
let tenant: TerraformModule;
beforeAll(async () => {
  [root, platform, tenant] = await Promise.all([
    loadModule('.'),
    loadModule('modules/platform'),
    loadModule('modules/tenant'),
  ]);
});

const typeOf = (address: string): string => address.replace(/^data\./, '').split('.')[0]!;
const googleAddresses = (module: TerraformModule): string[] =>
  addresses(module).filter((a) => !LOCAL_ONLY.test(a) && a !== ENABLED);

describe('API enablement', () => {
  it('enables every API that a resource of the platform or tenant modules calls', () => {
    const enabled = platform.locals.apis as string;
    for (const address of [...googleAddresses(platform), ...googleAddresses(tenant)]) {
      const apis = APIS_OF[typeOf(address)];
      expect({ address, known: apis !== undefined }).toEqual({ address, known: true });
      for (const api of apis!)
        expect({ address, api, enabled: enabled.includes(`"${api}"`) }).toEqual({
          address,
          api,
          enabled: true,
        });
    }
  });

  it('enables Cloud Resource Manager, which data.google_project and project IAM call', () => {
    expect(platform.locals.apis).toContain('"cloudresourcemanager.googleapis.com"');
  });

  it('enables them only when asked to, and never disables them on destroy', () => {
    const enabled = platform.resources.google_project_service!.enabled!;
    expect(expressionText(enabled.for_each)).toBe('var.enable_apis ? local.apis : toset([])');
    expect(enabled.disable_on_destroy).toBe(false);
  });

  it('makes every resource and data source of the platform wait for them', () => {
    const early = googleAddresses(platform).filter((a) => !waitsFor(platform, a, ENABLED));
    expect(early).toEqual([]);
  });

  it('makes every tenant resource wait for them, through the project id the platform hands out', () => {
    // The tenant module's resources all take var.project_id (or a resource that does) ...
    for (const address of googleAddresses(tenant)) {
      const body = tenant.resources[typeOf(address)]![address.split('.')[1]!]!;
      const viaProject =
        usesVariable(tenant, body, 'project_id') ||
        googleAddresses(tenant).some((other) => other !== address && waitsFor(tenant, address, other));
      expect({ address, viaProject }).toEqual({ address, viaProject: true });
    }
    // ... which the root module takes from the platform's output, which waits for the APIs.
    expect(root.modules.tenant!.project_id).toBe(`\${module.platform.project_id}`);
    const output = platform.outputs.project_id!;
    expect(output.value).toBe(`\${var.project_id}`);
    expect(waitsFor(platform, { depends_on: output.depends_on }, ENABLED)).toBe(true);
  });
});
