// CloudEvents SQL behaviour that the TCK covers thinly or not at all:
// precedence and grouping (§3.6), LIKE escapes (§3.4.3), 32-bit integer
// overflow (§3.1), Unicode code points in the string functions, and the
// parse errors' positions.
import { CesqlParseError } from '../../../../functions/src/filters/cesql/cesql-error';
import { CesqlExpression } from '../../../../functions/src/filters/cesql/cesql-expression';

const event = {
  specversion: '1.0',
  id: 'e-1',
  source: '/devices',
  type: 'com.example.device.seen',
  subject: '/devices/42',
  count: 7,
  text: 'naïve 😀 café',
};

function run(expression: string) {
  const { value, errors } = CesqlExpression.compile(expression).evaluate(event);
  return { value, errors: errors.map((e) => e.kind) };
}

describe('operator precedence and grouping', () => {
  it.each<[string, string | number | boolean]>([
    ['2 + 3 * 4', 14],
    ['10 - 4 - 3', 3],
    ['100 / 10 / 5', 2],
    ['-2 * 3', -6],
    ['5-3', 2],
    ['1 + 2 = 3', true],
    ['1 < 2 = TRUE', true],
    // AND, OR and XOR share one level and group left to right (§3.6):
    ['TRUE OR FALSE AND FALSE', false],
    ['TRUE OR (FALSE AND FALSE)', true],
    ['FALSE AND FALSE OR TRUE', true],
    ['TRUE XOR TRUE OR TRUE', true],
    // NOT binds tighter than any binary operator and than LIKE:
    ['NOT FALSE AND FALSE', false],
    ['NOT TRUE = FALSE', true],
    ["NOT TRUE LIKE '%'", true],
    ["type NOT LIKE 'org.%' AND NOT EXISTS nothere", true],
    // LIKE and IN bind tighter than arithmetic and comparison:
    ["'ab' LIKE 'a%' = TRUE", true],
    ['count IN (6, 7) AND count NOT IN (1)', true],
  ])('%s → %p', (expression, expected) => {
    expect(run(expression)).toEqual({ value: expected, errors: [] });
  });
});

describe('LIKE escapes', () => {
  it.each<[string, string, boolean]>([
    ['50%', '50\\%', true],
    ['50x', '50\\%', false],
    ['a_b', 'a\\_b', true],
    ['axb', 'a\\_b', false],
    ['a\\b', 'a\\b', true],
    ['%', '%', true],
    ['', '%', true],
    ['', '_', false],
    ['😀', '_', true],
    ['naïve', 'na_ve', true],
    ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab', '%a%a%a%a%a%a%a%a%a%a%c', false],
    ['line\nbreak', 'line%break', true],
  ])('%p LIKE %p is %p', (text, pattern, expected) => {
    const literal = `'${text.replace(/'/g, "\\'")}'`;
    expect(run(`${literal} LIKE '${pattern}'`)).toEqual({ value: expected, errors: [] });
  });
});

describe('32-bit integers', () => {
  it.each<[string, number]>([
    ['2147483647 + 1', -2147483648],
    ['-2147483648 - 1', 2147483647],
    ['65536 * 65536', 0],
    ['-2147483648 / -1', -2147483648],
    ['- -2147483648', -2147483648],
  ])('%s overflows with a MathError (value %p, the two’s-complement wrap)', (expression, value) => {
    expect(run(expression)).toEqual({ value, errors: ['math'] });
  });

  it('keeps the extremes without error', () => {
    expect(run('2147483646 + 1')).toEqual({ value: 2147483647, errors: [] });
    expect(run('-2147483647 - 1')).toEqual({ value: -2147483648, errors: [] });
    expect(run('-7 % 2')).toEqual({ value: -1, errors: [] });
    expect(run('-7 / 2')).toEqual({ value: -3, errors: [] });
  });

  it('refuses an integer literal outside the range, and a string that overflows when cast', () => {
    expect(() => CesqlExpression.compile('2147483648')).toThrow(CesqlParseError);
    expect(run("INT('2147483648')")).toEqual({ value: 0, errors: ['cast'] });
    expect(run("INT('+12')")).toEqual({ value: 12, errors: [] });
    expect(run("INT(' 12')")).toEqual({ value: 0, errors: ['cast'] });
  });
});

describe('strings in code points', () => {
  it.each<[string, string | number]>([
    ['LENGTH(text)', 12],
    ['LEFT(text, 7)', 'naïve 😀'],
    ['RIGHT(text, 6)', '😀 café'],
    ['SUBSTRING(text, 7, 1)', '😀'],
    ['UPPER(text)', 'NAÏVE 😀 CAFÉ'],
    ["TRIM('\u00a0\u2003 x \u3000')", 'x'],
  ])('%s → %p', (expression, expected) => {
    expect(run(expression)).toEqual({ value: expected, errors: [] });
  });
});

describe('attributes and errors', () => {
  it('reads integer extensions as integers and compares binary-mode strings by casting', () => {
    expect(run('count * 2 = 14')).toEqual({ value: true, errors: [] });
    expect(CesqlExpression.compile("seq = 5 AND seq > '4'").evaluate({ seq: '5' }).value).toBe(true);
  });

  it('treats attribute and function names case-insensitively', () => {
    expect(run("SUBJECT = '/devices/42' AND length(Type) = 23")).toEqual({ value: true, errors: [] });
  });

  it('does not take members of Object.prototype for attributes', () => {
    expect(run('EXISTS constructor')).toEqual({ value: false, errors: [] });
    expect(run("constructor = ''")).toEqual({ value: false, errors: ['missingAttribute'] });
  });

  it('collects errors only where evaluation reached (AND and OR short-circuit)', () => {
    expect(run('EXISTS nothere AND nothere = 1')).toEqual({ value: false, errors: [] });
    expect(run('nothere = 1 OR TRUE')).toEqual({ value: false, errors: ['missingAttribute'] });
  });

  it('matches as a filter only on true without error', () => {
    const expression = CesqlExpression.compile("subject LIKE '/devices/%'");
    expect(expression.matches(event)).toBe(true);
    expect(expression.matches({ ...event, subject: undefined })).toBe(false);
    expect(CesqlExpression.compile('count').matches(event)).toBe(false);
    expect(CesqlExpression.compile("'true'").matches(event)).toBe(false);
    expect(CesqlExpression.compile('NOT 10').matches(event)).toBe(false);
  });
});

describe('parse errors', () => {
  it.each<[string, number, RegExp]>([
    ["type = 'a", 8, /unterminated string literal/],
    ['type == 1', 7, /expected an expression, found "="/],
    ['a AND', 6, /found the end of the expression/],
    ['x IN ()', 7, /an IN set needs at least one value/],
    ['EXISTS 1', 8, /expected an attribute name after EXISTS/],
    ['my_attr = 1', 1, /expected an attribute name/],
    ['type ~ 1', 6, /unexpected character "~"/],
    ['a NOT b', 7, /expected LIKE or IN/],
    ['(a', 3, /expected a closing "\)"/],
    ['a b', 3, /expected an operator or the end of the expression/],
  ])('%p fails at position %p', (expression, position, message) => {
    let error: unknown;
    try {
      CesqlExpression.compile(expression);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CesqlParseError);
    expect(error).toMatchObject({ position });
    expect((error as Error).message).toMatch(message);
  });
});
