// The type casts of CloudEvents SQL (cesql/spec.md §3.7). A failed cast
// records a CastError and yields the zero value of the target type.
//
// Integer → Boolean is supported by the BOOL function but not as an implicit
// cast: the spec's TCK (not_operator.yaml, `NOT 10` → true with a cast
// error) requires an operator that needs a Boolean to refuse an Integer.
import type { CesqlValue } from './cesql-ast';
import type { CesqlError } from './cesql-error';

export type CesqlType = 'string' | 'number' | 'boolean';

/** Where evaluation records its errors; `count` lets an operator see whether its operands erred. */
export interface ErrorSink {
  count: number;
  errors: CesqlError[] | undefined;
}

export function recordError(sink: ErrorSink, error: CesqlError): void {
  sink.count++;
  if (sink.errors === undefined) sink.errors = [error];
  else sink.errors.push(error);
}

const INTEGER = /^[+-]?[0-9]+$/;

export function typeName(type: CesqlType): string {
  return type === 'number' ? 'Integer' : type === 'string' ? 'String' : 'Boolean';
}

export function toCesqlString(value: CesqlValue): string {
  return typeof value === 'string' ? value : String(value);
}

export function toCesqlInteger(value: CesqlValue, sink: ErrorSink): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const n = INTEGER.test(value) ? Number(value) : Number.NaN;
  if (n >= -2147483648 && n <= 2147483647) return n;
  recordError(sink, { kind: 'cast', detail: `cannot cast ${JSON.stringify(value)} to Integer` });
  return 0;
}

export function toCesqlBoolean(value: CesqlValue, sink: ErrorSink, explicit: boolean): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (explicit) return value !== 0;
    recordError(sink, { kind: 'cast', detail: `an Integer (${value}) is not a Boolean; use BOOL(x)` });
    return false;
  }
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower !== 'false') {
    recordError(sink, { kind: 'cast', detail: `cannot cast ${JSON.stringify(value)} to Boolean` });
  }
  return false;
}

/** The implicit cast to `type`, as operators apply it. */
export function castTo(value: CesqlValue, type: CesqlType, sink: ErrorSink): CesqlValue {
  if (typeof value === type) return value;
  if (type === 'string') return toCesqlString(value);
  if (type === 'number') return toCesqlInteger(value, sink);
  return toCesqlBoolean(value, sink, false);
}

export function zeroValue(type: CesqlType): CesqlValue {
  return type === 'string' ? '' : type === 'number' ? 0 : false;
}
