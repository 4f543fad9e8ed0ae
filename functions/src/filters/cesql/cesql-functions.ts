// The built-in functions of CloudEvents SQL (cesql/spec.md §3.5 and the
// casting functions INT, BOOL and STRING of the TCK), by name and arity.
// Strings are measured and cut in Unicode code points, not UTF-16 units.
import type { CesqlValue } from './cesql-ast';
import {
  type CesqlType,
  type ErrorSink,
  recordError,
  toCesqlBoolean,
  toCesqlInteger,
  toCesqlString,
} from './cesql-casts';

/** `any`: the function takes its argument as it is (the casting functions cast it themselves). */
export type ParameterType = CesqlType | 'any';

export interface CesqlFunction {
  readonly parameters: readonly ParameterType[];
  /** The type of further arguments, for a variadic function. */
  readonly rest?: CesqlType;
  readonly returns: CesqlType;
  readonly apply: (args: readonly CesqlValue[], sink: ErrorSink) => CesqlValue;
}

const SURROGATE = /[\uD800-\uDFFF]/;
const EDGE_WHITESPACE = /^\p{White_Space}+|\p{White_Space}+$/gu;

function length(s: string): number {
  return SURROGATE.test(s) ? Array.from(s).length : s.length;
}

/** `s` from code point `start` to `end` (exclusive). */
function slice(s: string, start: number, end: number): string {
  if (!SURROGATE.test(s)) return s.slice(start, end);
  return Array.from(s).slice(start, end).join('');
}

function evaluationError(sink: ErrorSink, detail: string): void {
  recordError(sink, { kind: 'functionEvaluation', detail });
}

const str = (v: CesqlValue): string => v as string;
const int = (v: CesqlValue): number => v as number;

function substring(args: readonly CesqlValue[], sink: ErrorSink): string {
  const s = str(args[0]!);
  const pos = int(args[1]!);
  const n = length(s);
  if (pos > n || pos < -n) {
    evaluationError(sink, `SUBSTRING position ${pos} is outside a string of length ${n}`);
    return '';
  }
  if (pos === 0) return '';
  const start = pos > 0 ? pos - 1 : n + pos;
  if (args.length === 2) return slice(s, start, n);
  const len = int(args[2]!);
  if (len < 0) {
    evaluationError(sink, `SUBSTRING length ${len} is negative`);
    return '';
  }
  return slice(s, start, Math.min(n, start + len));
}

function side(which: 'LEFT' | 'RIGHT') {
  return (args: readonly CesqlValue[], sink: ErrorSink): string => {
    const s = str(args[0]!);
    const count = int(args[1]!);
    if (count < 0) {
      evaluationError(sink, `${which} length ${count} is negative`);
      return s;
    }
    const n = length(s);
    if (n <= count) return s;
    return which === 'LEFT' ? slice(s, 0, count) : slice(s, n - count, n);
  };
}

const unary = (parameter: ParameterType, returns: CesqlType, apply: CesqlFunction['apply']) => ({
  parameters: [parameter],
  returns,
  apply,
});

/** Name (upper case) → overloads by arity; a variadic overload is keyed -1. */
const BUILT_INS: ReadonlyMap<string, ReadonlyMap<number, CesqlFunction>> = new Map([
  ['INT', new Map([[1, unary('any', 'number', (a, sink) => toCesqlInteger(a[0]!, sink))]])],
  ['BOOL', new Map([[1, unary('any', 'boolean', (a, sink) => toCesqlBoolean(a[0]!, sink, true))]])],
  ['STRING', new Map([[1, unary('any', 'string', (a) => toCesqlString(a[0]!))]])],
  ['LENGTH', new Map([[1, unary('string', 'number', (a) => length(str(a[0]!)))]])],
  ['LOWER', new Map([[1, unary('string', 'string', (a) => str(a[0]!).toLowerCase())]])],
  ['UPPER', new Map([[1, unary('string', 'string', (a) => str(a[0]!).toUpperCase())]])],
  ['TRIM', new Map([[1, unary('string', 'string', (a) => str(a[0]!).replace(EDGE_WHITESPACE, ''))]])],
  [
    'ABS',
    new Map([
      [
        1,
        unary('number', 'number', (a, sink) => {
          const x = int(a[0]!);
          if (x !== -2147483648) return Math.abs(x);
          recordError(sink, { kind: 'math', detail: 'ABS(-2147483648) overflows a 32-bit integer' });
          return 2147483647;
        }),
      ],
    ]),
  ],
  ['LEFT', new Map([[2, { parameters: ['string', 'number'], returns: 'string', apply: side('LEFT') }]])],
  ['RIGHT', new Map([[2, { parameters: ['string', 'number'], returns: 'string', apply: side('RIGHT') }]])],
  [
    'SUBSTRING',
    new Map([
      [2, { parameters: ['string', 'number'], returns: 'string', apply: substring }],
      [3, { parameters: ['string', 'number', 'number'], returns: 'string', apply: substring }],
    ]),
  ],
  [
    'CONCAT',
    new Map([[-1, { parameters: [], rest: 'string', returns: 'string', apply: (a) => a.join('') }]]),
  ],
  [
    'CONCAT_WS',
    new Map([
      [
        -1,
        {
          parameters: ['string'],
          rest: 'string',
          returns: 'string',
          apply: (a) => a.slice(1).join(str(a[0]!)),
        },
      ],
    ]),
  ],
] as [string, ReadonlyMap<number, CesqlFunction>][]);

/** The function `name` (case-insensitive) that takes `arity` arguments, if any (§3.5 dispatch). */
export function findFunction(name: string, arity: number): CesqlFunction | undefined {
  const overloads = BUILT_INS.get(name.toUpperCase());
  if (overloads === undefined) return undefined;
  const fixed = overloads.get(arity);
  if (fixed !== undefined) return fixed;
  const variadic = overloads.get(-1);
  return variadic !== undefined && arity >= variadic.parameters.length ? variadic : undefined;
}
