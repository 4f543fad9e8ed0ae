// The error kinds of CloudEvents SQL (cesql/spec.md §3.3), named as the
// spec's TCK names them. Evaluation errors are data, not exceptions: CESQL is
// total, so an expression always yields a value and, beside it, the errors met
// on the way. Only a parse error stops anything (the expression is refused).

export type CesqlErrorKind =
  | 'parse'
  | 'math'
  | 'cast'
  | 'missingAttribute'
  | 'missingFunction'
  | 'functionEvaluation'
  | 'generic';

export interface CesqlError {
  readonly kind: CesqlErrorKind;
  readonly detail: string;
}

/** A syntax error (or an expression beyond the size bounds), at a 1-based character position. */
export class CesqlParseError extends Error {
  readonly kind = 'parse';

  constructor(
    readonly problem: string,
    /** 1-based position of the offending character in the expression. */
    readonly position: number,
  ) {
    super(`${problem} at position ${position}`);
    this.name = 'CesqlParseError';
  }
}
