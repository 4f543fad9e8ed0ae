// Checks filters given to the API (the `filters` of a queue) once, when the
// queue is created or changed, so that matchesFilters can trust their shape.
// The error names the exact path of the first problem, e.g.
// `filters[1].all[0]: unknown dialect "regex"`.

import { isAttributeName } from '../cloudevents/validate-cloudevent';
import { ValidationError } from '../errors';
import { CesqlParseError } from './cesql/cesql-error';
import { CesqlExpression } from './cesql/cesql-expression';
import { MAX_SQL_LENGTH } from './cesql/cesql-parser';
import { type AttributeMatch, DIALECTS, type Filter, MAX_FILTER_DEPTH, MAX_FILTER_NODES } from './filter';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const SUPPORTED = `${DIALECTS.slice(0, -1).join(', ')} or ${DIALECTS.at(-1)}`;

function fail(path: string, problem: string): never {
  throw new ValidationError(`${path}: ${problem}`);
}

function memberPath(path: string, key: string): string {
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

interface Budget {
  nodes: number;
}

function parseMatch(input: unknown, path: string): AttributeMatch {
  if (!isObject(input)) fail(path, `must be an object of attribute names to strings, not ${describe(input)}`);
  const out: Record<string, string> = {};
  let count = 0;
  for (const name of Object.keys(input)) {
    const at = memberPath(path, name);
    if (!isAttributeName(name)) fail(at, 'attribute names are lowercase letters and digits');
    const value = input[name];
    if (typeof value !== 'string') fail(at, `must be a string, not ${describe(value)}`);
    // The Subscriptions API forbids empty values for all three dialects.
    if (value.length === 0) fail(at, 'must not be an empty string');
    out[name] = value;
    count++;
  }
  if (count === 0) fail(path, 'must name at least one attribute');
  return out;
}

/** Parses the expression now, so that a queue never holds one that cannot run (422 with its position). */
function parseSql(input: unknown, path: string): string {
  if (typeof input !== 'string')
    fail(path, `must be a CloudEvents SQL expression string, not ${describe(input)}`);
  if (input.trim().length === 0) fail(path, 'must not be empty');
  if (input.length > MAX_SQL_LENGTH) fail(path, `must be at most ${MAX_SQL_LENGTH} characters`);
  try {
    CesqlExpression.compileStrict(input);
  } catch (error) {
    if (error instanceof CesqlParseError) fail(path, `not valid CloudEvents SQL: ${error.message}`);
    throw error;
  }
  return input;
}

function parseList(input: unknown, path: string, depth: number, budget: Budget): Filter[] {
  if (!Array.isArray(input) || input.length === 0) {
    fail(
      path,
      `must be a non-empty array of filters, not ${Array.isArray(input) ? 'an empty array' : describe(input)}`,
    );
  }
  return input.map((item, i) => parseFilter(item, `${path}[${i}]`, depth + 1, budget));
}

function parseFilter(input: unknown, path: string, depth: number, budget: Budget): Filter {
  if (depth > MAX_FILTER_DEPTH) fail(path, `filters nest at most ${MAX_FILTER_DEPTH} levels deep`);
  if (++budget.nodes > MAX_FILTER_NODES) {
    fail(path, `too many filter expressions (at most ${MAX_FILTER_NODES} in all, nested ones included)`);
  }
  if (!isObject(input))
    fail(path, `must be a filter object such as {"exact": {"type": "…"}}, not ${describe(input)}`);
  const keys = Object.keys(input);
  if (keys.length !== 1) {
    const found = keys.length === 0 ? 'none' : keys.map((k) => JSON.stringify(k)).join(', ');
    fail(path, `a filter has exactly one dialect key (${SUPPORTED}), found ${found}`);
  }
  const dialect = keys[0]!;
  const value = input[dialect];
  const at = memberPath(path, dialect);
  switch (dialect) {
    case 'exact':
      return { exact: parseMatch(value, at) };
    case 'prefix':
      return { prefix: parseMatch(value, at) };
    case 'suffix':
      return { suffix: parseMatch(value, at) };
    case 'all':
      return { all: parseList(value, at, depth, budget) };
    case 'any':
      return { any: parseList(value, at, depth, budget) };
    case 'not':
      return { not: parseFilter(value, at, depth + 1, budget) };
    case 'sql':
      return { sql: parseSql(value, at) };
    default:
      return fail(path, `unknown dialect ${JSON.stringify(dialect)} (supported: ${SUPPORTED})`);
  }
}

/**
 * Validates untrusted input (parsed JSON) as a list of filters and returns a
 * fresh copy holding only what was checked. Throws ValidationError (422).
 */
export function validateFilters(input: unknown): Filter[] {
  if (!Array.isArray(input)) fail('filters', `must be an array of filter objects, not ${describe(input)}`);
  const budget: Budget = { nodes: 0 };
  return input.map((item, i) => parseFilter(item, `filters[${i}]`, 1, budget));
}
