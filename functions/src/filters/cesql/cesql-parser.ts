// Parses a CloudEvents SQL expression (cesql/spec.md §2) into a syntax tree,
// by precedence climbing over the tokens of cesql-tokens.ts. Precedence and
// associativity follow §3.6: function invocations, then the unary NOT and -,
// then LIKE, EXISTS and IN, then * / %, + -, the comparisons, and last AND,
// OR and XOR, all three at one level; operators of equal precedence group
// left to right (the ANTLR grammar marks AND/OR/XOR right-associative, but
// §3.6 is normative: `a OR b AND c` is `(a OR b) AND c`).
//
// Hand-written rather than generated: the grammar is a dozen rules, this
// gives messages with the position and what was expected, and it costs
// dispatch no import (Chevrotain, the maintained parser toolkit, is ESM only
// and adds about 0.7 s to a cold start on these machines).
import type { BinaryOperator, CesqlNode } from './cesql-ast';
import { CesqlParseError } from './cesql-error';
import { type Token, tokenize } from './cesql-tokens';

/** Bounds on what a queue may ask dispatch to evaluate for every event. */
export const MAX_SQL_LENGTH = 4096;
export const MAX_SQL_DEPTH = 32;

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const FUNCTION_NAME = /^[A-Z][A-Z_]*$/;
const KEYWORDS = new Set(['AND', 'OR', 'XOR', 'NOT', 'LIKE', 'EXISTS', 'IN', 'TRUE', 'FALSE']);

enum Level {
  Logic = 1,
  Comparison = 2,
  Additive = 3,
  Multiplicative = 4,
  Postfix = 5,
  Unary = 6,
}

function binaryLevel(token: Token): Level | undefined {
  if (token.kind === 'word') {
    return token.text === 'AND' || token.text === 'OR' || token.text === 'XOR' ? Level.Logic : undefined;
  }
  if (token.kind !== 'operator') return undefined;
  switch (token.text) {
    case '*':
    case '/':
    case '%':
      return Level.Multiplicative;
    case '+':
    case '-':
      return Level.Additive;
    default:
      return Level.Comparison;
  }
}

function describe(token: Token): string {
  if (token.kind === 'end') return 'the end of the expression';
  if (token.kind === 'string') return 'a string literal';
  return JSON.stringify(token.text);
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    this.index++;
    return token;
  }

  private isWord(token: Token, word: string): boolean {
    return token.kind === 'word' && token.text === word;
  }

  private fail(problem: string, token: Token = this.peek()): never {
    throw new CesqlParseError(`${problem}, found ${describe(token)}`, token.at);
  }

  private expect(kind: Token['kind'], what: string): Token {
    if (this.peek().kind !== kind) this.fail(`expected ${what}`);
    return this.next();
  }

  parseRoot(): CesqlNode {
    const node = this.expression(Level.Logic, 1);
    if (this.peek().kind !== 'end') this.fail('expected an operator or the end of the expression');
    return node;
  }

  private expression(minimum: Level, depth: number): CesqlNode {
    if (depth > MAX_SQL_DEPTH) {
      throw new CesqlParseError(
        `the expression nests more than ${MAX_SQL_DEPTH} levels deep`,
        this.peek().at,
      );
    }
    let left = this.prefix(depth);
    for (;;) {
      const token = this.peek();
      if (Level.Postfix >= minimum && (this.isWord(token, 'LIKE') || this.isWord(token, 'IN'))) {
        left = this.postfix(left, false, depth);
      } else if (Level.Postfix >= minimum && this.isWord(token, 'NOT')) {
        const after = this.peek(1);
        if (!this.isWord(after, 'LIKE') && !this.isWord(after, 'IN')) this.fail('expected LIKE or IN', after);
        this.next();
        left = this.postfix(left, true, depth);
      } else {
        const level = binaryLevel(token);
        if (level === undefined || level < minimum) return left;
        this.next();
        // level + 1: the right operand binds tighter, so equal levels group to the left.
        const right = this.expression(level + 1, depth + 1);
        left = { kind: 'binary', operator: token.text as BinaryOperator, left, right, at: left.at };
      }
    }
  }

  private postfix(operand: CesqlNode, negated: boolean, depth: number): CesqlNode {
    const keyword = this.next();
    if (keyword.text === 'LIKE') {
      // §3.4.3: the pattern must be a string literal, never an expression to cast.
      const pattern = this.expect('string', 'a string literal as the LIKE pattern');
      return { kind: 'like', operand, pattern: pattern.text, negated, at: operand.at };
    }
    this.expect('(', 'a parenthesised set of values after IN');
    const set = this.list(depth);
    if (set.length === 0) this.fail('an IN set needs at least one value', this.tokens[this.index - 1]);
    return { kind: 'in', operand, set, negated, at: operand.at };
  }

  /** Comma-separated expressions up to the closing parenthesis (the opening one is consumed). */
  private list(depth: number): CesqlNode[] {
    const items: CesqlNode[] = [];
    if (this.peek().kind === ')') {
      this.next();
      return items;
    }
    for (;;) {
      items.push(this.expression(Level.Logic, depth + 1));
      const token = this.next();
      if (token.kind === ')') return items;
      if (token.kind !== ',') this.fail('expected "," or ")"', token);
    }
  }

  private integer(token: Token, negative: boolean): CesqlNode {
    const value = Number(negative ? `-${token.text}` : token.text);
    if (value < INT_MIN || value > INT_MAX) {
      throw new CesqlParseError('integer literal outside the 32-bit signed range', token.at);
    }
    return { kind: 'literal', value, at: token.at };
  }

  private prefix(depth: number): CesqlNode {
    const token = this.next();
    switch (token.kind) {
      case 'integer':
        return this.integer(token, false);
      case 'string':
        return { kind: 'literal', value: token.text, at: token.at };
      case '(': {
        const inner = this.expression(Level.Logic, depth + 1);
        this.expect(')', 'a closing ")"');
        return inner;
      }
      case 'operator':
        if (token.text === '-' || token.text === '+') {
          // A sign directly before digits is part of the literal (CESQLLexer.g4's INTEGER_LITERAL).
          if (this.peek().kind === 'integer') {
            const literal = this.integer(this.next(), token.text === '-');
            return { ...literal, at: token.at };
          }
          if (token.text === '-') {
            return { kind: 'negate', operand: this.expression(Level.Unary, depth + 1), at: token.at };
          }
        }
        return this.fail('expected an expression', token);
      case 'word':
        return this.word(token, depth);
      default:
        return this.fail('expected an expression', token);
    }
  }

  private word(token: Token, depth: number): CesqlNode {
    switch (token.text) {
      case 'TRUE':
      case 'FALSE':
        return { kind: 'literal', value: token.text === 'TRUE', at: token.at };
      case 'NOT':
        return { kind: 'not', operand: this.expression(Level.Unary, depth + 1), at: token.at };
      case 'EXISTS': {
        const name = this.next();
        if (name.kind !== 'word' || !name.plain || KEYWORDS.has(name.text)) {
          this.fail('expected an attribute name after EXISTS', name);
        }
        return { kind: 'exists', name: name.text.toLowerCase(), at: token.at };
      }
    }
    if (KEYWORDS.has(token.text)) this.fail('expected an expression', token);
    if (this.peek().kind === '(') {
      if (!FUNCTION_NAME.test(token.text)) this.fail('expected a function name (letters and "_")', token);
      this.next();
      return { kind: 'call', name: token.text, args: this.list(depth), at: token.at };
    }
    if (!token.plain) this.fail('expected an attribute name (letters and digits)', token);
    return { kind: 'attribute', name: token.text.toLowerCase(), at: token.at };
  }
}

/** Parses an expression, or throws CesqlParseError with the position of the problem. */
export function parseCesql(text: string): CesqlNode {
  if (text.length > MAX_SQL_LENGTH) {
    throw new CesqlParseError(
      `the expression is longer than ${MAX_SQL_LENGTH} characters`,
      MAX_SQL_LENGTH + 1,
    );
  }
  return new Parser(tokenize(text)).parseRoot();
}
