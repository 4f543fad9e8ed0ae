// The lexer of CloudEvents SQL (cesql/spec.md §2, CESQLLexer.g4). Keywords,
// function names and attribute names are case-insensitive; string literals
// keep their case. Integer literals are unsigned here: the parser folds a
// leading sign into them, so that `5-3` is a subtraction and `-2147483648`
// is still a valid literal.
import { CesqlParseError } from './cesql-error';

export type TokenKind = 'integer' | 'string' | 'word' | 'operator' | '(' | ')' | ',' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** The source text; for a word, in upper case; for a string, the unescaped value. */
  readonly text: string;
  /** 1-based position of the token's first character. */
  readonly at: number;
  /** True for a word written with only letters and digits (an attribute name). */
  readonly plain?: boolean;
}

const SPACE = /[ \t\r\n]+/y;
const DIGITS = /[0-9]+(?![A-Za-z0-9_])/y;
const WORD = /[A-Za-z0-9_]+/y;
const PLAIN_WORD = /^[A-Za-z0-9]+$/;
const OPERATOR = /!=|<>|>=|<=|[=<>*/%+-]/y;

function sticky(pattern: RegExp, text: string, index: number): string | undefined {
  pattern.lastIndex = index;
  return pattern.exec(text)?.[0];
}

/**
 * A quoted string from `index` (at its opening quote). Inside, a backslash
 * takes the next character with it; `\'` (or `\"` in a double-quoted string)
 * and a doubled quote stand for the quote itself, and any other backslash
 * pair is kept as written, so that LIKE sees its own `\%` and `\_` escapes.
 */
function readString(text: string, index: number): { value: string; end: number } {
  const quote = text[index]!;
  let value = '';
  let i = index + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      const next = text[i + 1]!;
      value += next === quote ? quote : c + next;
      i += 2;
    } else if (c === quote) {
      if (text[i + 1] === quote) {
        value += quote;
        i += 2;
      } else {
        return { value, end: i + 1 };
      }
    } else {
      value += c;
      i++;
    }
  }
  throw new CesqlParseError(`unterminated string literal (no closing ${quote})`, index + 1);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const space = sticky(SPACE, text, i);
    if (space) {
      i += space.length;
      continue;
    }
    const at = i + 1;
    const c = text[i]!;
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, text: c, at });
      i++;
    } else if (c === "'" || c === '"') {
      const { value, end } = readString(text, i);
      tokens.push({ kind: 'string', text: value, at });
      i = end;
    } else if (sticky(DIGITS, text, i) !== undefined) {
      const digits = sticky(DIGITS, text, i)!;
      tokens.push({ kind: 'integer', text: digits, at });
      i += digits.length;
    } else if (sticky(WORD, text, i) !== undefined) {
      const word = sticky(WORD, text, i)!;
      tokens.push({ kind: 'word', text: word.toUpperCase(), at, plain: PLAIN_WORD.test(word) });
      i += word.length;
    } else if (sticky(OPERATOR, text, i) !== undefined) {
      const operator = sticky(OPERATOR, text, i)!;
      tokens.push({ kind: 'operator', text: operator, at });
      i += operator.length;
    } else {
      throw new CesqlParseError(`unexpected character ${JSON.stringify(c)}`, at);
    }
  }
  tokens.push({ kind: 'end', text: '', at: text.length + 1 });
  return tokens;
}
