// Evaluates a queue's filters against an event, with the Subscriptions API
// semantics: an attribute the event lacks never matches exact, prefix or
// suffix, and values are compared on their canonical string form
// (booleans "true"/"false", integers in decimal), case-sensitively.

import type { CloudEvent, CloudEventAttributeValue } from '../cloudevents/cloudevent';
import type { AttributeMatch, Filter } from './filter';
import { matchesSqlFilter } from './sql-filter';

type Attributes = Readonly<Record<string, CloudEventAttributeValue>>;
type Compare = (actual: string, expected: string) => boolean;

const exact: Compare = (actual, expected) => actual === expected;
const prefix: Compare = (actual, expected) => actual.startsWith(expected);
const suffix: Compare = (actual, expected) => actual.endsWith(expected);

function canonicalString(attributes: Attributes, name: string): string | undefined {
  const value = attributes[name];
  // typeof rather than `=== undefined`: a name such as "constructor" would
  // otherwise find Object.prototype's function on an event that lacks it.
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
      return String(value);
    default:
      return undefined;
  }
}

function matchesAttributes(attributes: Attributes, match: AttributeMatch, compare: Compare): boolean {
  for (const name in match) {
    const actual = canonicalString(attributes, name);
    if (actual === undefined || !compare(actual, match[name]!)) return false;
  }
  return true;
}

function matches(attributes: Attributes, filter: Filter): boolean {
  if ('exact' in filter) return matchesAttributes(attributes, filter.exact, exact);
  if ('prefix' in filter) return matchesAttributes(attributes, filter.prefix, prefix);
  if ('suffix' in filter) return matchesAttributes(attributes, filter.suffix, suffix);
  if ('all' in filter) return matchesAll(attributes, filter.all);
  if ('any' in filter) {
    for (const f of filter.any) if (matches(attributes, f)) return true;
    return false;
  }
  if ('sql' in filter) return matchesSqlFilter(attributes, filter);
  return !matches(attributes, filter.not);
}

function matchesAll(attributes: Attributes, filters: readonly Filter[]): boolean {
  for (const f of filters) if (!matches(attributes, f)) return false;
  return true;
}

/**
 * True when every filter matches; an empty list matches everything. The
 * filters are expected to have passed validateFilters when the queue was saved.
 */
export function matchesFilters(event: CloudEvent, filters: readonly Filter[]): boolean {
  return matchesAll(event.attributes, filters);
}
