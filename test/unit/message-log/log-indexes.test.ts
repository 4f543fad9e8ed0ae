// Every query the message-log search can make is served by indexes that
// terraform/ declares: the Firestore emulator runs any query without one, so
// a missing index would surface only in production, as a FAILED_PRECONDITION
// on the tenant's search. Each equality (or array-contains) filter needs a
// composite index "that field, then publishTimeMs descending" on the `log`
// collection; Firestore merges them for several filters at once. A query on
// time alone uses the automatic single-field index.
import { LOG_COLLECTION } from '../../../functions/src/message-log/log-entry';
import { LOG_LIST_FIELDS, LOG_ORDER_FIELD, logQueryPlan } from '../../../functions/src/message-log/log-query';
import { parseLogSearch } from '../../../functions/src/message-log/log-search';
import { loadModule } from '../terraform/terraform-config';

interface IndexField {
  readonly field_path: string;
  readonly order?: string | null;
  readonly array_config?: string | null;
}
interface DeclaredIndex {
  readonly collection: string;
  readonly query_scope?: string;
  readonly fields: readonly IndexField[];
}

/** Every combination of the filters a caller can give, on one queue and tenant-wide. */
function searchShapes(): { query: Record<string, string>; queue?: string }[] {
  const options: Record<string, (string | undefined)[]> = {
    status: [undefined, 'dead-lettered'],
    type: [undefined, 'DEVICE_FIRST_SEEN'],
    subject: [undefined, '/devices/7f3c', '/devices/*'],
    source: [undefined, '/fleet'],
    since: [undefined, '2030-01-01T00:00:00Z'],
    until: [undefined, '2030-01-02T00:00:00Z'],
  };
  let queries: Record<string, string>[] = [{}];
  for (const [name, values] of Object.entries(options)) {
    queries = queries.flatMap((q) => values.map((v) => (v === undefined ? q : { ...q, [name]: v })));
  }
  return queries.flatMap((query) => [{ query, queue: 'orders' }, { query }]);
}

let indexes: DeclaredIndex[];

beforeAll(async () => {
  const platform = await loadModule('modules/platform');
  indexes = Object.values(platform.locals.composite_indexes as Record<string, DeclaredIndex>);
});

function servedBy(field: string, op: '==' | 'array-contains'): DeclaredIndex | undefined {
  return indexes.find(
    (index) =>
      index.collection === LOG_COLLECTION &&
      (index.query_scope ?? 'COLLECTION') === 'COLLECTION' &&
      index.fields.length === 2 &&
      index.fields[0]!.field_path === field &&
      (op === 'array-contains'
        ? index.fields[0]!.array_config === 'CONTAINS'
        : typeof index.fields[0]!.order === 'string') &&
      index.fields[1]!.field_path === LOG_ORDER_FIELD &&
      index.fields[1]!.order === 'DESCENDING',
  );
}

test('the search can make queries of every shape this test walks through', () => {
  const shapes = new Set(
    searchShapes().map(({ query, queue }) =>
      logQueryPlan(parseLogSearch(query, queue))
        .filters.map((f) => `${f.field}${f.op}`)
        .join(','),
    ),
  );
  // queue × status × type × subject (none, exact, prefix) × source
  expect(shapes.size).toBe(2 * 2 * 2 * 3 * 2);
});

test.each(searchShapes().map((s) => [JSON.stringify({ queue: s.queue, ...s.query }), s] as const))(
  'the search %s is served by declared indexes',
  (_shown, { query, queue }) => {
    const plan = logQueryPlan(parseLogSearch(query, queue));
    expect(plan.filters.filter((f) => f.op === 'array-contains').length).toBeLessThanOrEqual(1);
    for (const filter of plan.filters) {
      expect([filter.field, servedBy(filter.field, filter.op)]).toEqual([filter.field, expect.anything()]);
    }
  },
);

test('a list reads a field mask that leaves the kept event out', () => {
  expect(LOG_LIST_FIELDS).not.toContain('event');
});
