// The audit trail's Firestore declarations in terraform/ match the code: the
// TTL policy on the field and collection the code writes, and an index
// "filter field, then timeMs descending" for every field GET /v1/audit can
// filter on (the emulator runs any query without one, so a missing index
// would surface only in production, as FAILED_PRECONDITION).
import {
  AUDIT_COLLECTION,
  AUDIT_ORDER_FIELD,
  AUDIT_TTL_FIELD,
} from '../../../functions/src/audit/audit-entry';
import { AUDIT_FILTER_FIELDS, parseAuditSearch } from '../../../functions/src/audit/audit-search';
import {
  blocks,
  Evaluator,
  loadModule,
  resource,
  type TerraformModule,
  variableDefaults,
} from '../terraform/terraform-config';

interface DeclaredIndex {
  readonly collection: string;
  readonly query_scope: string;
  readonly fields: readonly { field_path: string; order: string | null; array_config: string | null }[];
}

let platform: TerraformModule;
beforeAll(async () => {
  platform = await loadModule('modules/platform');
});
const evaluator = () => new Evaluator(platform, { var: variableDefaults(platform) });
const auditIndexes = () => Object.values(platform.locals.audit_indexes as Record<string, DeclaredIndex>);

test('expires entries by a TTL policy on the field and collection the code writes', () => {
  const ttl = resource(platform, 'google_firestore_field', 'audit_ttl');
  expect(evaluator().value(ttl.collection)).toBe(AUDIT_COLLECTION);
  expect(evaluator().value(ttl.field)).toBe(AUDIT_TTL_FIELD);
  expect(blocks(ttl, 'ttl_config')).toHaveLength(1);
});

/** Every combination of the filters a caller can give. */
function shapes(): Record<string, string>[] {
  let queries: Record<string, string>[] = [{}];
  for (const name of [...AUDIT_FILTER_FIELDS, 'since', 'until']) {
    const value = name === 'since' || name === 'until' ? '2030-01-01T00:00:00Z' : 'x';
    queries = queries.flatMap((q) => [q, { ...q, [name]: value }]);
  }
  return queries;
}

test.each(shapes().map((q) => [JSON.stringify(q), q] as const))(
  'the search %s is served by declared indexes',
  (_shown, query) => {
    for (const { field } of parseAuditSearch(query).filters) {
      const serving = auditIndexes().filter(
        (index) =>
          index.collection === AUDIT_COLLECTION &&
          index.query_scope === 'COLLECTION' &&
          index.fields.length === 2 &&
          index.fields[0]!.field_path === field &&
          index.fields[0]!.order === 'ASCENDING' &&
          index.fields[1]!.field_path === AUDIT_ORDER_FIELD &&
          index.fields[1]!.order === 'DESCENDING',
      );
      expect([field, serving.length]).toEqual([field, 1]);
    }
  },
);

test('declares no audit index the searches do not use', () => {
  expect(
    auditIndexes()
      .map((i) => i.fields[0]!.field_path)
      .sort(),
  ).toEqual([...AUDIT_FILTER_FIELDS].sort());
});
