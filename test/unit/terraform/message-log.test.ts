// What Terraform declares for the message log, compared with the code: the
// TTL policy on the entries' expiry field, an index for every field the api
// searches (each with publishTimeMs descending, so that Firestore merges them
// for any combination), the fields left unindexed, the dispatch settings, and
// the per-tenant levels built from var.tenants exactly as the local stack
// builds them from its tenants file (evaluated by `terraform console`).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dispatchConfigSpec } from '../../../functions/src/config/dispatch-config';
import {
  LOG_COLLECTION,
  LOG_TTL_FIELD,
  type StoredLogEntry,
} from '../../../functions/src/message-log/log-entry';
import { messageLogLevelsOf, type TenantMessageLog } from '../../../functions/src/message-log/log-levels';
import {
  blocks,
  Evaluator,
  loadModule,
  objectVariableDefaults,
  resource,
  TERRAFORM_DIR,
  type TerraformModule,
  variableDefaults,
} from './terraform-config';
import { passes } from './validation-conditions';

let platform: TerraformModule;
let root: TerraformModule;
beforeAll(async () => {
  [platform, root] = await Promise.all([loadModule('modules/platform'), loadModule('.')]);
});

interface IndexField {
  field_path: string;
  order: string | null;
  array_config: string | null;
}
const indexes = () =>
  platform.locals.composite_indexes as Record<
    string,
    { collection: string; query_scope: string; fields: IndexField[] }
  >;
const evaluator = () => new Evaluator(platform, { var: variableDefaults(platform) });

/** The fields the api's searches filter on (CONTRACT.md: queue, status, type, subject and its prefix, source). */
const SEARCHED: { field: keyof StoredLogEntry; arrayContains?: true }[] = [
  { field: 'queue' },
  { field: 'state' },
  { field: 'type' },
  { field: 'subject' },
  { field: 'subjectPrefixes', arrayContains: true },
  { field: 'source' },
];

describe('the message log in Terraform', () => {
  it('expires entries with a TTL policy on the field the code writes, in the collection it writes', () => {
    const ttl = resource(platform, 'google_firestore_field', 'log_ttl');
    expect(evaluator().value(ttl.collection)).toBe(LOG_COLLECTION);
    expect(evaluator().value(ttl.field)).toBe(LOG_TTL_FIELD);
    expect(blocks(ttl, 'ttl_config')).toHaveLength(1);
    expect(ttl.database).toBe(`\${var.firestore.database}`);
  });

  it.each(SEARCHED)(
    'indexes $field with publishTimeMs descending, in the log collection',
    ({ field, arrayContains }) => {
      const serving = Object.values(indexes()).filter((i) => i.fields[0]!.field_path === field);
      expect(serving).toHaveLength(1);
      const [index] = serving;
      expect(evaluator().value(index!.collection)).toBe(LOG_COLLECTION);
      expect(index!.query_scope).toBe('COLLECTION');
      expect(index!.fields).toEqual([
        arrayContains
          ? { field_path: field, order: null, array_config: 'CONTAINS' }
          : { field_path: field, order: 'ASCENDING', array_config: null },
        { field_path: 'publishTimeMs', order: 'DESCENDING', array_config: null },
      ]);
    },
  );

  it('declares no log index the searches do not use', () => {
    const logIndexes = Object.values(indexes()).filter(
      (i) => evaluator().value(i.collection) === LOG_COLLECTION,
    );
    expect(logIndexes).toHaveLength(SEARCHED.length);
  });

  it('passes array_config to the index resource, and leaves the kept event and the attempts unindexed', () => {
    const composite = resource(platform, 'google_firestore_index', 'composite');
    expect(JSON.stringify(composite)).toContain('array_config = fields.value.array_config'.split(' = ')[1]);
    const unindexed = platform.locals.log_unindexed_fields as string[];
    expect(unindexed).toEqual(expect.arrayContaining(['event', 'attempts']));
    for (const { field } of SEARCHED) expect(unindexed).not.toContain(field);
    expect(resource(platform, 'google_firestore_field', 'log_unindexed').for_each).toBe(
      `\${toset(local.log_unindexed_fields)}`,
    );
  });

  it.each([
    ['message_log_retention_days', 'messageLogRetentionDays', 1, 400],
    ['message_log_flush_ms', 'messageLogFlushMs', 100, 60_000],
  ] as const)(
    "dispatch.%s defaults to the code's default and accepts its range",
    (attribute, key, min, max) => {
      for (const module of [platform, root]) {
        expect(objectVariableDefaults(module.variables.dispatch!)[attribute]).toBe(
          dispatchConfigSpec[key].defaultValue,
        );
        expect(passes(module, 'dispatch', { [attribute]: min }, {})).toBe(true);
        expect(passes(module, 'dispatch', { [attribute]: max }, {})).toBe(true);
        expect(passes(module, 'dispatch', { [attribute]: min - 1 }, {})).toBe(false);
        expect(passes(module, 'dispatch', { [attribute]: max + 1 }, {})).toBe(false);
      }
    },
  );

  it('gives dispatch the levels as JSON, from the tenants the root module is given', () => {
    expect(root.modules.platform!.tenants).toBe(`\${var.tenants}`);
    const dispatch = resource(platform, 'google_cloudfunctions2_function', 'dispatch');
    const env = (blocks(dispatch, 'service_config')[0]!.environment_variables ?? {}) as Record<
      string,
      string
    >;
    expect(env.EVENTQ_MESSAGE_LOG_LEVELS).toBe(`\${jsonencode(local.message_log_levels)}`);
  });
});

describe('message log levels: Terraform and the local stack', () => {
  const tenants: { id: string; messageLog?: TenantMessageLog }[] = [
    { id: 'acme', messageLog: { level: 'failures', queues: { audit: 'all', noisy: 'off' } } },
    { id: 'globex', messageLog: { level: 'off' } },
    { id: 'initech', messageLog: { queues: { orders: 'failures' } } },
    { id: 'umbrella' },
  ];

  /** var.tenants in Terraform's spelling, evaluated by terraform console with the platform's own variable and local. */
  function terraformLevels(): unknown {
    const dir = mkdtempSync(path.join(tmpdir(), 'eventq-levels-'));
    const platformDir = path.join(TERRAFORM_DIR, 'modules/platform');
    try {
      const variables = readFileSync(path.join(platformDir, 'variables.tf'), 'utf8');
      const start = variables.indexOf('variable "tenants" {');
      writeFileSync(
        path.join(dir, 'tenants.tf'),
        variables.slice(start, variables.indexOf('\n}\n', start) + 3),
      );
      copyFileSync(path.join(platformDir, 'message-log-levels.tf'), path.join(dir, 'message-log-levels.tf'));
      const tfTenants = Object.fromEntries(
        tenants.map((t) => [t.id, t.messageLog ? { message_log: t.messageLog } : {}]),
      );
      // Terraform reads JSON for a -var of an object type.
      const run = spawnSync('terraform', ['console', '-var', `tenants=${JSON.stringify(tfTenants)}`], {
        cwd: dir,
        input: 'jsonencode(local.message_log_levels)\n',
        encoding: 'utf8',
        timeout: 60_000,
      });
      if (run.status !== 0) throw new Error(`terraform console failed: ${run.stderr}`);
      return JSON.parse(JSON.parse(run.stdout.trim()) as string);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('are the same map', () => {
    expect(terraformLevels()).toEqual(messageLogLevelsOf(tenants));
    expect(messageLogLevelsOf(tenants)).toEqual({
      acme: 'failures',
      'acme/audit': 'all',
      'acme/noisy': 'off',
      globex: 'off',
      'initech/orders': 'failures',
    });
  });
});
