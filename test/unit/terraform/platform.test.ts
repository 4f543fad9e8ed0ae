// What the platform module declares: the functions and their configuration,
// who may invoke them, the signing-key secret, Firestore, and the log-based
// metrics, each compared with the code it deploys.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { apiConfigSpec } from '../../../functions/src/config/api-config';
import {
  type ConfigSpec,
  deployedVariables,
  requiredVariables,
} from '../../../functions/src/config/config-variable';
import { dispatchConfigSpec, GOOGLE_CERTS_URL } from '../../../functions/src/config/dispatch-config';
import { LOG_COLLECTION } from '../../../functions/src/message-log/log-entry';
import { DELIVERY_OUTCOMES } from '../../../functions/src/observability/log';
import { PUSH_ACK_DEADLINE_SECONDS } from '../../../functions/src/pubsub/queue-subscriptions';
import { collections } from '../../../functions/src/tenancy/resource-names';
import {
  allResources,
  type Body,
  block,
  blocks,
  Evaluator,
  expressionText,
  interfaceProperties,
  loadModule,
  objectVariableDefaults,
  REPO_DIR,
  resource,
  type TerraformModule,
  variableDefaults,
} from './terraform-config';

const LOG_FILE = 'functions/src/observability/log.ts';
const FUNCTION = 'google_cloudfunctions2_function';
const SECRET_VARIABLE = 'EVENTQ_SIGNING_KEYS';

let platform: TerraformModule;
beforeAll(async () => {
  platform = await loadModule('modules/platform');
});

const serviceConfig = (name: string): Body => block(resource(platform, FUNCTION, name), 'service_config');
const plainEnv = (name: string): Record<string, string> =>
  serviceConfig(name).environment_variables as Record<string, string>;
const secretEnv = (name: string): Body[] => blocks(serviceConfig(name), 'secret_environment_variables');
const envNames = (name: string): string[] => [
  ...Object.keys(plainEnv(name)),
  ...secretEnv(name).map((s) => s.key as string),
];

/** The default of an optional attribute of an object variable, e.g. dispatch.min_instances. */
const defaultOf = (variable: string, attribute: string): unknown =>
  objectVariableDefaults(platform.variables[variable]!)[attribute];

describe.each<[string, ConfigSpec]>([
  ['dispatch', dispatchConfigSpec],
  ['api', apiConfigSpec],
])('the %s function', (name, spec) => {
  it('is built from the package main with the export of its name, on the runtime of both', () => {
    const build = block(resource(platform, FUNCTION, name), 'build_config');
    expect(build.runtime).toBe(`\${local.runtime}`);
    expect(build.entry_point).toBe(name);
    // The package main exports each function as a lazy getter; keys() does not load them.
    const main = JSON.parse(readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8')) as {
      main: string;
      scripts: Record<string, string>;
    };
    expect(main.main).toBe('dist/functions/src/index.js');
    expect(main.scripts['gcp-build']).toBeDefined();
    const entry = require('../../../functions/src/index') as Record<string, unknown>;
    expect(Object.keys(entry)).toContain(name);
  });

  it('is built from the hash-named source archive, so a code change redeploys it', () => {
    const source = block(
      block(block(resource(platform, FUNCTION, name), 'build_config'), 'source'),
      'storage_source',
    );
    expect(source.object).toBe(`\${google_storage_bucket_object.source.name}`);
    const object = resource(platform, 'google_storage_bucket_object', 'source');
    expect(object.name).toMatch(/\$\{data\.archive_file\.source\.output_(md5|sha256|sha)\}/);
    expect(object.source).toBe(`\${data.archive_file.source.output_path}`);
  });

  it('sets every variable its configuration requires, as plain or secret environment', () => {
    expect(envNames(name)).toEqual(expect.arrayContaining(requiredVariables(spec)));
  });

  it('sets every variable its configuration reads but those the platform sets, and no other but NODE_ENV', () => {
    expect(envNames(name).sort()).toEqual([...deployedVariables(spec), 'NODE_ENV'].sort());
  });

  it('runs with NODE_ENV=production', () => {
    expect(plainEnv(name).NODE_ENV).toBe('production');
  });

  it('reads the signing keys from Secret Manager, never from plain environment', () => {
    expect(plainEnv(name)).not.toHaveProperty(SECRET_VARIABLE);
    const secret = secretEnv(name).find((s) => s.key === SECRET_VARIABLE)!;
    expect(secret.secret).toBe(`\${google_secret_manager_secret.signing_keys.secret_id}`);
    expect(secret.version).toBe(`\${var.signing_keys.version}`);
  });

  it('runs as its own service account', () => {
    expect(serviceConfig(name).service_account_email).toBe(
      `\${google_service_account.eventq["${name}"].email}`,
    );
  });

  it('may read the signing-key secret', () => {
    const accessors = resource(platform, 'google_secret_manager_secret_iam_member', 'signing_keys_accessor');
    expect(accessors.role).toBe('roles/secretmanager.secretAccessor');
    expect(accessors.member).toBe(`\${google_service_account.eventq[each.key].member}`);
    expect(expressionText(accessors.for_each)).toBe('toset(["api", "dispatch"])');
  });
});

describe('the source archive', () => {
  it('zips the repository without what would change its hash but not the code', () => {
    const archive = platform.data.archive_file!.source!;
    expect(archive.source_dir).toBe(`\${local.source_dir}`);
    expect(archive.excludes).toBe(`\${var.source_excludes}`);
    const excludes = variableDefaults(platform).source_excludes as string[];
    // A matching directory is left out whole (source-archive.test.ts builds the list).
    for (const dir of ['node_modules', 'dist', '.eventq', 'terraform', '**/.terraform']) {
      expect(excludes).toContain(dir);
    }
    expect(excludes).toEqual(expect.arrayContaining(['**/*.tfstate', '**/*.zip']));
  });

  it('defaults to the repository that holds the module', () => {
    expect(platform.locals.source_dir).toBe(
      `\${coalesce(var.source_dir, abspath("\${path.module}/../../.."))}`,
    );
    expect(path.resolve(platform.dir, '../../..')).toBe(REPO_DIR);
  });
});

describe('push subscriptions and dispatch', () => {
  it("gives the api dispatch's URL as push endpoint and audience, and the push account", () => {
    const env = plainEnv('api');
    expect(env.EVENTQ_PUSH_ENDPOINT).toBe(`\${${FUNCTION}.dispatch.url}`);
    expect(env.EVENTQ_PUSH_AUDIENCE).toBe(`\${${FUNCTION}.dispatch.url}`);
    expect(env.EVENTQ_PUSH_SERVICE_ACCOUNT).toBe(`\${google_service_account.eventq["push"].email}`);
  });

  it('makes dispatch expect the audience and account that the api gives push subscriptions', () => {
    const env = plainEnv('dispatch');
    expect(env.EVENTQ_PUSH_SERVICE_ACCOUNT).toBe(plainEnv('api').EVENTQ_PUSH_SERVICE_ACCOUNT);
    // dispatch cannot read its own URL: it is predicted, and a postcondition checks the prediction.
    expect(env.EVENTQ_PUSH_AUDIENCE).toBe(`\${local.dispatch_url}`);
    const checks = blocks(block(resource(platform, FUNCTION, 'dispatch'), 'lifecycle'), 'postcondition');
    expect(checks.map((c) => expressionText(c.condition))).toContain('self.url == local.dispatch_url');
  });

  it('gives both functions the api URL as the issuer, checked against the deployed api', () => {
    expect(plainEnv('dispatch').EVENTQ_API_URL).toBe(`\${local.api_url}`);
    expect(plainEnv('api').EVENTQ_API_URL).toBe(`\${local.api_url}`);
    const checks = blocks(block(resource(platform, FUNCTION, 'api'), 'lifecycle'), 'postcondition');
    expect(checks.map((c) => expressionText(c.condition))).toContain('self.url == local.api_url');
  });

  it("checks push tokens against Google's certificates by default", () => {
    expect(plainEnv('dispatch').EVENTQ_PUSH_CERTS_URL).toBe(`\${var.push_certs_url}`);
    expect(platform.variables.push_certs_url!.default).toBe(GOOGLE_CERTS_URL);
  });

  it('grants the Pub/Sub service agent token creator on the push account', () => {
    const grants = resource(platform, 'google_service_account_iam_member', 'push');
    expect(grants.service_account_id).toBe(`\${google_service_account.eventq["push"].name}`);
    const byName = grants.for_each as Record<string, { role: string; member: string }>;
    const tokenCreator = Object.values(byName).filter(
      (g) => g.role === 'roles/iam.serviceAccountTokenCreator',
    );
    expect(tokenCreator).toEqual([
      { role: 'roles/iam.serviceAccountTokenCreator', member: expect.any(String) },
    ]);
    expect(tokenCreator[0]!.member).toBe(`serviceAccount:\${local.pubsub_service_agent}`);
    expect(platform.locals.pubsub_service_agent).toBe(
      `service-\${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com`,
    );
  });

  it('lets only the push account invoke dispatch', () => {
    const invokers = allResources(platform).filter(
      ([type, , body]) =>
        /_iam_(member|binding|policy)$/.test(type) && /\bdispatch\b/.test(String(body.name)),
    );
    expect(invokers.map(([type, name]) => `${type}.${name}`)).toEqual([
      'google_cloud_run_v2_service_iam_member.dispatch_invoker',
    ]);
    const [, , invoker] = invokers[0]!;
    expect(invoker.name).toBe(`\${${FUNCTION}.dispatch.service_config[0].service}`);
    expect(invoker.role).toBe('roles/run.invoker');
    expect(invoker.member).toBe(`\${google_service_account.eventq["push"].member}`);
  });

  it('grants allUsers nothing but invoking the api', () => {
    const publicGrants = allResources(platform).filter(([, , body]) =>
      /allUsers|allAuthenticatedUsers/.test(JSON.stringify(body)),
    );
    expect(publicGrants.map(([type, name]) => `${type}.${name}`)).toEqual([
      'google_cloud_run_v2_service_iam_member.api_public',
    ]);
    const [, , grant] = publicGrants[0]!;
    expect(grant).toMatchObject({
      name: `\${${FUNCTION}.api.service_config[0].service}`,
      role: 'roles/run.invoker',
      member: 'allUsers',
    });
  });

  it('grants the Pub/Sub service agent subscriber on the run-time queue subscriptions, project-wide', () => {
    const grants = platform.locals.project_grants as Record<string, { member: string; role: string }>;
    expect(grants['pubsub-agent-dead-lettering']).toMatchObject({
      member: `serviceAccount:\${local.pubsub_service_agent}`,
      role: 'roles/pubsub.subscriber',
    });
  });

  it('grants no basic role (owner, editor, viewer) to anyone', () => {
    expect(JSON.stringify(platform)).not.toMatch(/roles\/(owner|editor|viewer)"/);
  });
});

describe('scaling for the hot path', () => {
  it('keeps a warm dispatch instance that serves many pushes at once on a whole CPU', () => {
    expect(defaultOf('dispatch', 'min_instances')).toBeGreaterThanOrEqual(1);
    expect(defaultOf('dispatch', 'concurrency')).toBeGreaterThan(1);
    expect(Number(defaultOf('dispatch', 'cpu'))).toBeGreaterThanOrEqual(1);
    const config = serviceConfig('dispatch');
    expect(config.min_instance_count).toBe(`\${var.dispatch.min_instances}`);
    expect(config.max_instance_count).toBe(`\${var.dispatch.max_instances}`);
    expect(config.max_instance_request_concurrency).toBe(`\${var.dispatch.concurrency}`);
  });

  it('ends a delivery before dispatch times out, and dispatch before the push ack deadline', () => {
    const timeoutMs = defaultOf('delivery', 'timeout_ms') as number;
    const dispatchSeconds = defaultOf('dispatch', 'timeout_seconds') as number;
    expect(timeoutMs).toBeLessThan(dispatchSeconds * 1000);
    expect(dispatchSeconds).toBeLessThanOrEqual(PUSH_ACK_DEADLINE_SECONDS);
  });
});

describe('defaults', () => {
  // Every setting passed as tostring(var.<object>.<attribute>) defaults to what
  // the code would use without it, so a bare deployment behaves as the local stack.
  const wired = (): [string, string, string, number][] =>
    (['dispatch', 'api'] as const).flatMap((fn) => {
      const spec: ConfigSpec = fn === 'dispatch' ? dispatchConfigSpec : apiConfigSpec;
      return Object.entries(plainEnv(fn)).flatMap(([env, value]) => {
        const m = /^\$\{tostring\(var\.(\w+)\.(\w+)\)\}$/.exec(value);
        const codeDefault = Object.values(spec).find((v) => v.name === env)?.defaultValue;
        return m && typeof codeDefault === 'number'
          ? [[`${fn} ${env}`, m[1]!, m[2]!, codeDefault] as [string, string, string, number]]
          : [];
      });
    });

  it('finds the numeric settings to compare', () => {
    expect(wired().map(([what]) => what)).toEqual(
      expect.arrayContaining(['api EVENTQ_MAX_DELIVERY_ATTEMPTS', 'dispatch EVENTQ_QUEUE_CACHE_TTL_MS']),
    );
  });

  it("gives every numeric setting the code's default", () => {
    for (const [what, variable, attribute, codeDefault] of wired()) {
      expect({ what, value: defaultOf(variable, attribute) }).toEqual({ what, value: codeDefault });
    }
  });

  it('leaves list and JSON settings empty by default, which the code reads as its own default', () => {
    expect(plainEnv('api').EVENTQ_SINK_ALLOWLIST).toBe(`\${join(",", var.delivery.sink_allowlist)}`);
    expect(defaultOf('delivery', 'sink_allowlist')).toEqual([]);
    expect(apiConfigSpec.sinkAllowlist.defaultValue).toEqual([]);
    expect(plainEnv('api').EVENTQ_EVENT_TYPES).toBe(`\${var.api.event_types_json}`);
    expect(defaultOf('api', 'event_types_json')).toBe('');
  });

  it('uses the database the code defaults to', () => {
    expect(defaultOf('firestore', 'database')).toBe(apiConfigSpec.firestoreDatabase.defaultValue);
  });
});

describe('Firestore', () => {
  // Issue 5 records failed attempts in a `failures` collection group with an
  // `expireAt` TTL; until the code exports that name, Terraform's local is the
  // one place it is defined.
  const codeCollections = collections as Readonly<Record<string, string>>;
  const failuresCollection = (): string =>
    codeCollections.failures ?? (platform.locals.failures_collection as string);

  it('expires recorded failures with a TTL policy on expireAt', () => {
    const ttl = resource(platform, 'google_firestore_field', 'failure_ttl');
    const evaluator = new Evaluator(platform, { var: variableDefaults(platform) });
    expect(evaluator.value(ttl.collection)).toBe(failuresCollection());
    expect(evaluator.value(ttl.field)).toBe('expireAt');
    expect(blocks(ttl, 'ttl_config')).toHaveLength(1);
    expect(ttl.database).toBe(`\${var.firestore.database}`);
  });

  it('puts the TTL on a collection the code does not already use for something else', () => {
    const others = Object.entries(codeCollections)
      .filter(([key]) => key !== 'failures')
      .map(([, name]) => name);
    expect(others).not.toContain(failuresCollection());
  });

  it('declares composite indexes only on collections the code writes', () => {
    const indexes = platform.locals.composite_indexes as Record<string, { collection: string }>;
    const known = [...Object.values(codeCollections), failuresCollection(), LOG_COLLECTION];
    for (const index of Object.values(indexes)) expect(known).toContain(index.collection);
    expect(resource(platform, 'google_firestore_index', 'composite').for_each).toBe(
      `\${local.composite_indexes}`,
    );
  });

  it("limits the functions' Firestore access to eventq's database", () => {
    const grants = platform.locals.project_grants as Record<string, { role: string; condition: unknown }>;
    const firestore = Object.values(grants).filter((g) => g.role === 'roles/datastore.user');
    expect(firestore.length).toBeGreaterThan(0);
    for (const grant of firestore) expect(grant.condition).toBe(`\${local.firestore_condition}`);
    const condition = platform.locals.firestore_condition as { expression: string };
    expect(condition.expression).toBe(`resource.name == "\${local.firestore_database_resource}"`);
  });
});

describe('log-based metrics', () => {
  const outcomes: readonly string[] = DELIVERY_OUTCOMES;
  const logFields = interfaceProperties(LOG_FILE, 'LogFields');

  it('reads the outcomes from the code (DELIVERY_OUTCOMES in log.ts)', () => {
    expect(outcomes).toEqual(expect.arrayContaining(['delivered', 'failed', 'dead-lettered']));
  });

  it('counts delivered, failed and dead-lettered, each an outcome the code logs', () => {
    const metrics = platform.locals.outcome_metrics as Record<string, unknown>;
    expect(Object.keys(metrics).sort()).toEqual(['dead-lettered', 'delivered', 'failed']);
    for (const outcome of Object.keys(metrics)) expect(outcomes).toContain(outcome);
  });

  it.each(['delivered', 'failed', 'dead-lettered'])(
    "filters the %s metric on that outcome of the functions' structured logs",
    (outcome) => {
      const metric = resource(platform, 'google_logging_metric', 'outcome');
      const evaluator = new Evaluator(platform, {
        var: variableDefaults(platform),
        each: { key: outcome, value: (platform.locals.outcome_metrics as Record<string, unknown>)[outcome] },
      });
      const filter = evaluator.value(metric.filter) as string;
      expect(filter).toContain(`jsonPayload.eventq.outcome="${outcome}"`);
      expect(filter).toContain('resource.type="cloud_run_revision"');
      expect(filter).toContain('"eventq-dispatch" OR "eventq-api"');
    },
  );

  it('uses only outcomes and fields that the code writes', () => {
    const text = JSON.stringify(
      Object.values(platform.resources.google_logging_metric ?? {}).concat(platform.locals as Body),
    );
    for (const [, value] of text.matchAll(/outcome=\\"([^"\\$]+)\\"/g)) expect(outcomes).toContain(value);
    for (const [, field] of text.matchAll(/jsonPayload\.eventq\.(\w+)/g)) expect(logFields).toContain(field);
  });

  it('offers an alert policy that is off unless asked for', () => {
    expect(defaultOf('alerts', 'enabled')).toBe(false);
    expect(resource(platform, 'google_monitoring_alert_policy', 'delivery').count).toBe(
      `\${var.alerts.enabled ? 1 : 0}`,
    );
  });
});
