// Turns a CESQL syntax tree into one closure per node, so that evaluating an
// expression for an event walks no tree and allocates nothing unless a
// function is called or an error is met.
//
// Error semantics (cesql/spec.md §3.2, §3.3, as the TCK pins them down): an
// operator or function whose operand erred yields the zero value of its own
// return type (so `missing / 0` is 0 with a MissingAttributeError, not a
// MathError); an error of the operator itself (a failed cast, a division by
// zero) yields that operation's value beside the error. A missing attribute
// on its own is `false`, the spec's default when the type cannot be known.
import type { BinaryOperator, CesqlNode, CesqlValue } from './cesql-ast';
import {
  type CesqlType,
  castTo,
  type ErrorSink,
  recordError,
  toCesqlBoolean,
  toCesqlInteger,
  toCesqlString,
  zeroValue,
} from './cesql-casts';
import { findFunction } from './cesql-functions';
import { compileLikePattern } from './cesql-like';

export interface Scope extends ErrorSink {
  attributes: Readonly<Record<string, unknown>>;
}

export type Evaluator = (scope: Scope) => CesqlValue;

/** A call that no built-in function answers: evaluated as `false` with a MissingFunctionError. */
export interface UnknownCall {
  readonly name: string;
  readonly arity: number;
  readonly at: number;
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

function attributeValue(scope: Scope, name: string): CesqlValue | undefined {
  const value = scope.attributes[name];
  // typeof rather than `in`: Object.prototype's members are no attributes.
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    default:
      return undefined;
  }
}

/** A 32-bit result, or its two's-complement wrap with a MathError when it overflows. */
function integer(exact: number, wrapped: number, scope: Scope, what: string): number {
  if (exact >= INT_MIN && exact <= INT_MAX) return exact | 0;
  recordError(scope, { kind: 'math', detail: `${what} overflows a 32-bit integer` });
  return wrapped;
}

function arithmetic(operator: BinaryOperator, x: number, y: number, scope: Scope): number {
  switch (operator) {
    case '+':
      return integer(x + y, (x + y) | 0, scope, 'addition');
    case '-':
      return integer(x - y, (x - y) | 0, scope, 'subtraction');
    case '*':
      return integer(x * y, Math.imul(x, y), scope, 'multiplication');
    default:
      if (y === 0) {
        recordError(scope, { kind: 'math', detail: `${operator === '/' ? 'division' : 'modulo'} by zero` });
        return 0;
      }
      if (operator === '%') return (x % y) | 0;
      return integer(Math.trunc(x / y), Math.trunc(x / y) | 0, scope, 'division');
  }
}

function relation(operator: BinaryOperator, x: number, y: number): boolean {
  switch (operator) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    default:
      return x >= y;
  }
}

export class CesqlCompiler {
  readonly unknownCalls: UnknownCall[] = [];

  compile(node: CesqlNode): Evaluator {
    switch (node.kind) {
      case 'literal': {
        const { value } = node;
        return () => value;
      }
      case 'attribute': {
        const { name } = node;
        const detail = `the event has no attribute "${name}"`;
        const evaluate: Evaluator = (scope) => {
          const value = attributeValue(scope, name);
          if (value !== undefined) return value;
          recordError(scope, { kind: 'missingAttribute', detail });
          return false;
        };
        return evaluate;
      }
      case 'exists': {
        const { name } = node;
        return (scope) => attributeValue(scope, name) !== undefined;
      }
      case 'not': {
        const operand = this.compile(node.operand);
        const evaluate: Evaluator = (scope) => {
          const before = scope.count;
          const value = operand(scope);
          if (scope.count !== before) return false;
          return !toCesqlBoolean(value, scope, false);
        };
        return evaluate;
      }
      case 'negate': {
        const operand = this.compile(node.operand);
        const evaluate: Evaluator = (scope) => {
          const before = scope.count;
          const value = operand(scope);
          if (scope.count !== before) return 0;
          const x = toCesqlInteger(value, scope);
          return integer(0 - x, (0 - x) | 0, scope, 'negation');
        };
        return evaluate;
      }
      case 'like': {
        const operand = this.compile(node.operand);
        const matches = compileLikePattern(node.pattern);
        const { negated } = node;
        const evaluate: Evaluator = (scope) => {
          const before = scope.count;
          const value = operand(scope);
          if (scope.count !== before) return false;
          return matches(toCesqlString(value)) !== negated;
        };
        return evaluate;
      }
      case 'in':
        return this.compileIn(node);
      case 'call':
        return this.compileCall(node);
      case 'binary':
        return this.compileBinary(node);
    }
  }

  private compileIn(node: Extract<CesqlNode, { kind: 'in' }>): Evaluator {
    const operand = this.compile(node.operand);
    const set = node.set.map((item) => this.compile(item));
    const { negated } = node;
    const evaluate: Evaluator = (scope) => {
      const before = scope.count;
      const value = operand(scope);
      if (scope.count !== before) return false;
      // §3.4.5: the left operand's type is the one the set's elements are cast to.
      const type = typeof value as CesqlType;
      for (const item of set) {
        const element = item(scope);
        if (scope.count !== before) return false;
        if (castTo(element, type, scope) === value) return !negated;
      }
      return negated;
    };
    return evaluate;
  }

  private compileCall(node: Extract<CesqlNode, { kind: 'call' }>): Evaluator {
    const fn = findFunction(node.name, node.args.length);
    if (fn === undefined) {
      this.unknownCalls.push({ name: node.name, arity: node.args.length, at: node.at });
      const detail = `no function ${node.name} takes ${node.args.length} argument(s)`;
      const evaluate: Evaluator = (scope) => {
        recordError(scope, { kind: 'missingFunction', detail });
        return false;
      };
      return evaluate;
    }
    const args = node.args.map((arg) => this.compile(arg));
    const types = args.map((_, i) => fn.parameters[i] ?? fn.rest!);
    const zero = zeroValue(fn.returns);
    const evaluate: Evaluator = (scope) => {
      const before = scope.count;
      const values = args.map((arg) => arg(scope));
      if (scope.count !== before) return zero;
      for (let i = 0; i < values.length; i++) {
        const type = types[i]!;
        if (type !== 'any') values[i] = castTo(values[i]!, type, scope);
      }
      return fn.apply(values, scope);
    };
    return evaluate;
  }

  private compileBinary(node: Extract<CesqlNode, { kind: 'binary' }>): Evaluator {
    const { operator } = node;
    const left = this.compile(node.left);
    const right = this.compile(node.right);
    switch (operator) {
      case 'AND':
      case 'OR': {
        // Short-circuit (§3.4.2): the right operand is not evaluated once the left one decides.
        const decisive = operator === 'OR';
        const evaluate: Evaluator = (scope) => {
          const before = scope.count;
          const l = left(scope);
          if (scope.count !== before) return false;
          if (toCesqlBoolean(l, scope, false) === decisive) return decisive;
          const beforeRight = scope.count;
          const r = right(scope);
          if (scope.count !== beforeRight) return false;
          return toCesqlBoolean(r, scope, false);
        };
        return evaluate;
      }
      case 'XOR': {
        const evaluate: Evaluator = (scope) => {
          const before = scope.count;
          const l = left(scope);
          const r = right(scope);
          if (scope.count !== before) return false;
          return toCesqlBoolean(l, scope, false) !== toCesqlBoolean(r, scope, false);
        };
        return evaluate;
      }
      case '=':
      case '!=':
      case '<>': {
        const equal = operator === '=';
        // `=` is ambiguous (§3.7): the right operand's type decides the cast of the left one.
        const evaluate: Evaluator = (scope) => {
          const before = scope.count;
          const l = left(scope);
          const r = right(scope);
          if (scope.count !== before) return false;
          return (castTo(l, typeof r as CesqlType, scope) === r) === equal;
        };
        return evaluate;
      }
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const evaluate: Evaluator = (scope) => {
          const before = scope.count;
          const l = left(scope);
          const r = right(scope);
          if (scope.count !== before) return false;
          return relation(operator, toCesqlInteger(l, scope), toCesqlInteger(r, scope));
        };
        return evaluate;
      }
      default: {
        const evaluate: Evaluator = (scope) => {
          const before = scope.count;
          const l = left(scope);
          const r = right(scope);
          if (scope.count !== before) return 0;
          return arithmetic(operator, toCesqlInteger(l, scope), toCesqlInteger(r, scope), scope);
        };
        return evaluate;
      }
    }
  }
}
