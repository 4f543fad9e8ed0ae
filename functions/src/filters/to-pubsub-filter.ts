// Translates a queue's filters into a Pub/Sub subscription filter
// (https://cloud.google.com/pubsub/docs/subscription-message-filter), so that
// Pub/Sub drops what the queue would drop before it costs a delivery.
//
// This is an optimisation only; eventq's own matchesFilters stays
// authoritative and runs on every message that gets through:
// - Pub/Sub sees message attributes, which hold the event only in binary mode.
//   A structured-mode event (or any message without `ce-specversion`) is
//   therefore always let through, to be judged by eventq itself. (A
//   structured message that also carries `ce-` attributes is taken to mirror
//   its payload in them, as the binding's §3.2.3 intends.)
// - What Pub/Sub cannot say exactly (suffix, datacontenttype, which may be in
//   `content-type` or `ce-datacontenttype`), or a filter beyond Pub/Sub's
//   256-byte limit, or a sql filter (CESQL has no Pub/Sub equivalent), yields undefined: no Pub/Sub filter at all, never a
//   looser or stricter one.
// The Pub/Sub emulator accepts filters but does not apply them, so only real
// Pub/Sub ever drops anything here.

import type { AttributeMatch, Filter } from './filter';

const MAX_PUBSUB_FILTER_BYTES = 256;
const NOT_BINARY_MODE = 'NOT attributes:ce-specversion';
// Control characters would need escape sequences; no CloudEvents value can hold them anyway.
const CONTROL_CHAR = /\p{Cc}/u;
const NEEDS_ESCAPE = /["\\]/g;

/** A translated expression, and whether it needs parentheses inside a larger one. */
interface Expr {
  readonly text: string;
  readonly compound: boolean;
}

function literal(value: string): string | undefined {
  if (CONTROL_CHAR.test(value)) return undefined;
  return `"${value.replace(NEEDS_ESCAPE, '\\$&')}"`;
}

function operand(expr: Expr): string {
  return expr.compound ? `(${expr.text})` : expr.text;
}

/** Joins with AND or OR; Pub/Sub requires parentheses whenever the two are mixed. */
function join(exprs: readonly Expr[], operator: 'AND' | 'OR'): Expr {
  if (exprs.length === 1) return exprs[0]!;
  return { text: exprs.map(operand).join(` ${operator} `), compound: true };
}

function translateMatch(match: AttributeMatch, dialect: 'exact' | 'prefix'): Expr | undefined {
  const terms: Expr[] = [];
  for (const name in match) {
    if (name === 'datacontenttype') return undefined;
    const value = literal(match[name]!);
    if (value === undefined) return undefined;
    const key = `attributes.ce-${name}`;
    terms.push({
      text: dialect === 'exact' ? `${key} = ${value}` : `hasPrefix(${key}, ${value})`,
      compound: false,
    });
  }
  return join(terms, 'AND');
}

function translateList(filters: readonly Filter[], operator: 'AND' | 'OR'): Expr | undefined {
  const exprs: Expr[] = [];
  for (const filter of filters) {
    const expr = translate(filter);
    if (expr === undefined) return undefined;
    exprs.push(expr);
  }
  return join(exprs, operator);
}

function translate(filter: Filter): Expr | undefined {
  if ('exact' in filter) return translateMatch(filter.exact, 'exact');
  if ('prefix' in filter) return translateMatch(filter.prefix, 'prefix');
  if ('suffix' in filter || 'sql' in filter) return undefined;
  if ('all' in filter) return translateList(filter.all, 'AND');
  if ('any' in filter) return translateList(filter.any, 'OR');
  const inner = translate(filter.not);
  return inner === undefined ? undefined : { text: `NOT ${operand(inner)}`, compound: false };
}

/**
 * The Pub/Sub filter equivalent to `filters` for binary-mode messages, or
 * undefined when there is nothing to filter or it cannot be said exactly.
 */
export function toPubsubFilter(filters: readonly Filter[]): string | undefined {
  if (filters.length === 0) return undefined;
  const expr = translateList(filters, 'AND');
  if (expr === undefined) return undefined;
  const text = `${NOT_BINARY_MODE} OR ${operand(expr)}`;
  return Buffer.byteLength(text, 'utf8') <= MAX_PUBSUB_FILTER_BYTES ? text : undefined;
}
