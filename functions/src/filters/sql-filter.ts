// The `sql` filter dialect: a CloudEvents SQL expression, compiled on first
// use and kept for as long as the filter object lives. Dispatch holds queue
// definitions in its TTL cache, so an expression is compiled once per cached
// definition and a refreshed definition (a PATCH) compiles afresh.
//
// The engine itself (cesql/) is loaded on the first sql filter, not with
// dispatch: a deployment whose queues use no sql filter pays nothing for it at
// cold start (lazy globals, as in Google's function samples).
import type { CloudEvent } from '../cloudevents/cloudevent';
import type { CesqlExpression, CesqlResult } from './cesql/cesql-expression';
import type { SqlFilter } from './filter';

const compiled = new WeakMap<SqlFilter, CesqlExpression | undefined>();

function compile(text: string): CesqlExpression {
  const engine = require('./cesql/cesql-expression') as typeof import('./cesql/cesql-expression');
  return engine.CesqlExpression.compile(text);
}

function expressionOf(filter: SqlFilter): CesqlExpression | undefined {
  if (compiled.has(filter)) return compiled.get(filter);
  let expression: CesqlExpression | undefined;
  try {
    expression = compile(filter.sql);
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
