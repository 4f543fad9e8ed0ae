// The filter dialects of the CloudEvents Subscriptions API (§3.2.4.1.1) that
// eventq supports: the six REQUIRED ones and the OPTIONAL `sql` (CloudEvents
// SQL v1, evaluated by cesql/). A queue's filters are an array, and an event
// is delivered only when every filter in it matches.

/** Attribute name → the string its value is compared with. */
export type AttributeMatch = Readonly<Record<string, string>>;

export type ExactFilter = { readonly exact: AttributeMatch };
export type PrefixFilter = { readonly prefix: AttributeMatch };
export type SuffixFilter = { readonly suffix: AttributeMatch };
export type AllFilter = { readonly all: readonly Filter[] };
export type AnyFilter = { readonly any: readonly Filter[] };
export type NotFilter = { readonly not: Filter };
/** A CloudEvents SQL expression; checked with the filter, compiled on first use (sql-filter.ts). */
export type SqlFilter = { readonly sql: string };

export type Filter =
  | ExactFilter
  | PrefixFilter
  | SuffixFilter
  | AllFilter
  | AnyFilter
  | NotFilter
  | SqlFilter;

export type Dialect = 'exact' | 'prefix' | 'suffix' | 'all' | 'any' | 'not' | 'sql';

export const DIALECTS: readonly Dialect[] = ['exact', 'prefix', 'suffix', 'all', 'any', 'not', 'sql'];

/** Nesting and size bounds: filters are evaluated for every delivery, and stored with the queue. */
export const MAX_FILTER_DEPTH = 8;
export const MAX_FILTER_NODES = 64;
