// A CloudEvents SQL expression, parsed and compiled once: what the `sql`
// filter dialect evaluates, what the filter tester explains, and what the
// spec's TCK runs against.
import type { CesqlValue } from './cesql-ast';
import { CesqlCompiler, type Evaluator, type Scope } from './cesql-compiler';
import { type CesqlError, CesqlParseError } from './cesql-error';
import { parseCesql } from './cesql-parser';

export interface CesqlResult {
  readonly value: CesqlValue;
  /** Empty when the evaluation met no error. */
  readonly errors: readonly CesqlError[];
}

/** The attributes of the event an expression reads: CloudEvents context attributes and extensions. */
export type CesqlInput = Readonly<Record<string, unknown>>;

// One scope for every filter evaluation: evaluation is synchronous, so it is
// never shared by two at once, and the push path allocates none per event.
const filterScope: Scope = { attributes: {}, count: 0, errors: undefined };

export class CesqlExpression {
  private constructor(
    private readonly evaluator: Evaluator,
    readonly text: string,
  ) {}

  /** Parses and compiles; throws CesqlParseError. Calls to unknown functions evaluate to errors. */
  static compile(text: string): CesqlExpression {
    const compiler = new CesqlCompiler();
    return new CesqlExpression(compiler.compile(parseCesql(text)), text);
  }

  /**
   * As compile, but also refuses what can only ever err: a call that no
   * function answers (the spec asks engines to find such errors early, §3.3).
   */
  static compileStrict(text: string): CesqlExpression {
    const compiler = new CesqlCompiler();
    const root = compiler.compile(parseCesql(text));
    const unknown = compiler.unknownCalls[0];
    if (unknown !== undefined) {
      throw new CesqlParseError(
        `unknown function ${unknown.name} with ${unknown.arity} argument(s)`,
        unknown.at,
      );
    }
    return new CesqlExpression(root, text);
  }

  /** The value and the errors, in the spec's complete evaluation. */
  evaluate(attributes: CesqlInput): CesqlResult {
    const scope: Scope = { attributes, count: 0, errors: undefined };
    const value = this.evaluator(scope);
    return { value, errors: scope.errors ?? [] };
  }

  /**
   * The expression as a filter (§1.2): the event passes only when the value
   * is the Boolean true and no error occurred.
   */
  matches(attributes: CesqlInput): boolean {
    filterScope.attributes = attributes;
    filterScope.count = 0;
    filterScope.errors = undefined;
    const value = this.evaluator(filterScope);
    const passed = value === true && filterScope.count === 0;
    filterScope.attributes = {};
    filterScope.errors = undefined;
    return passed;
  }
}
