// The syntax tree of a CloudEvents SQL expression, as cesql-parser.ts builds
// it and cesql-compiler.ts turns it into closures. `at` is the 1-based
// position of the node's first character, for messages.

/** The three primitive CESQL types (§3.1), as JavaScript values: Integer is a 32-bit integer number. */
export type CesqlValue = string | number | boolean;

export type BinaryOperator =
  | 'AND'
  | 'OR'
  | 'XOR'
  | '='
  | '!='
  | '<>'
  | '<'
  | '<='
  | '>'
  | '>='
  | '+'
  | '-'
  | '*'
  | '/'
  | '%';

export type CesqlNode =
  | { readonly kind: 'literal'; readonly value: CesqlValue; readonly at: number }
  | { readonly kind: 'attribute'; readonly name: string; readonly at: number }
  | { readonly kind: 'exists'; readonly name: string; readonly at: number }
  | { readonly kind: 'not'; readonly operand: CesqlNode; readonly at: number }
  | { readonly kind: 'negate'; readonly operand: CesqlNode; readonly at: number }
  | {
      readonly kind: 'binary';
      readonly operator: BinaryOperator;
      readonly left: CesqlNode;
      readonly right: CesqlNode;
      readonly at: number;
    }
  | {
      readonly kind: 'like';
      readonly operand: CesqlNode;
      readonly pattern: string;
      readonly negated: boolean;
      readonly at: number;
    }
  | {
      readonly kind: 'in';
      readonly operand: CesqlNode;
      readonly set: readonly CesqlNode[];
      readonly negated: boolean;
      readonly at: number;
    }
  | {
      readonly kind: 'call';
      readonly name: string;
      readonly args: readonly CesqlNode[];
      readonly at: number;
    };
