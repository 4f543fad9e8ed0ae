// The `sql` filter dialect: a CloudEvents SQL expression, compiled on first
// use and kept for as long as the filter object lives. Dispatch holds queue
// definitions in its TTL cache, so an expression is compiled once per cached
// definition and a refreshed definition (a PATCH) compiles afresh.
import type { CloudEvent } from '../cloudevents/cloudevent';
import { CesqlExpression, type CesqlResult } from './cesql/cesql-expression';
import type { SqlFilter } from './filter';

const compiled = new WeakMap<SqlFilter, CesqlExpression | undefined>();

function expressionOf(filter: SqlFilter): CesqlExpression | undefined {
  if (compiled.has(filter)) return compiled.get(filter);
  let expression: CesqlExpression | undefined;
  try {
    expression = CesqlExpression.compile(filter.sql);
  } catch {
    // Validated when the queue was saved; a stored expression that no longer
    // parses matches nothing rather than failing every push.
    expression = undefined;
  }
  compiled.set(filter, expression);
  return expression;
}

export function matchesSqlFilter(attributes: CloudEvent['attributes'], filter: SqlFilter): boolean {
  return expressionOf(filter)?.matches(attributes) ?? false;
}

/** The value and errors of a sql filter for an event, for the filter tester. */
export function evaluateSqlFilter(event: CloudEvent, filter: SqlFilter): CesqlResult {
  const expression = expressionOf(filter);
  if (expression === undefined) {
    return { value: false, errors: [{ kind: 'parse', detail: 'the stored expression does not parse' }] };
  }
  return expression.evaluate(event.attributes);
}
