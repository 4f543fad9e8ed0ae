import { ValidationError } from '../../../functions/src/errors';
import { validateFilters } from '../../../functions/src/filters/validate-filters';

function nest(depth: number): unknown {
  let filter: unknown = { exact: { type: 'x' } };
  for (let i = 1; i < depth; i++) filter = { not: filter };
  return filter;
}

describe('validateFilters', () => {
  it('accepts every dialect and returns an equal copy', () => {
    const input = [
      { exact: { type: 'com.example.created', source: '/orders' } },
      { prefix: { type: 'com.example.' } },
      { suffix: { subject: '.jpg' } },
      { all: [{ exact: { type: 'a' } }, { not: { prefix: { subject: 'tmp/' } } }] },
      { any: [{ exact: { type: 'a' } }, { exact: { type: 'b' } }] },
      { sql: "type LIKE 'com.example.%' AND subject = '/devices/42'" },
    ];
    const filters = validateFilters(input);
    expect(filters).toEqual(input);
    expect(filters[0]).not.toBe(input[0]);
  });

  it('accepts an empty list', () => {
    expect(validateFilters([])).toEqual([]);
  });

  it('drops nothing but what it checked: the copy holds no extra members', () => {
    const input = JSON.parse('[{"exact": {"type": "a"}}]');
    Object.defineProperty(input[0].exact, 'hidden', { value: 'x', enumerable: false });
    expect(Object.getOwnPropertyNames(validateFilters(input)[0])).toEqual(['exact']);
  });

  it.each<[string, unknown, string]>([
    ['a non-array', { exact: { type: 'a' } }, 'filters: must be an array of filter objects, not a object'],
    ['a string filter', ['type=a'], 'filters[0]: must be a filter object such as'],
    [
      'a null filter',
      [null],
      'filters[0]: must be a filter object such as {"exact": {"type": "…"}}, not null',
    ],
    [
      'an empty filter object',
      [{}],
      'filters[0]: a filter has exactly one dialect key (exact, prefix, suffix, all, any, not or sql), found none',
    ],
    [
      'two dialect keys',
      [{ exact: { type: 'a' }, prefix: { type: 'b' } }],
      'filters[0]: a filter has exactly one dialect key (exact, prefix, suffix, all, any, not or sql), found "exact", "prefix"',
    ],
    [
      'an unknown dialect, nested',
      [{ exact: { type: 'a' } }, { all: [{ regex: 'a.*' }] }],
      'filters[1].all[0]: unknown dialect "regex"',
    ],
    [
      'a sql expression that does not parse, with the position',
      [{ all: [{ sql: "type = 'a' AND" }] }],
      'filters[0].all[0].sql: not valid CloudEvents SQL: expected an expression, found the end of the expression at position 15',
    ],
    [
      'a sql LIKE whose pattern is no string literal',
      [{ sql: 'subject LIKE 42' }],
      'filters[0].sql: not valid CloudEvents SQL: expected a string literal as the LIKE pattern, found "42" at position 14',
    ],
    [
      'a sql call of a function that does not exist',
      [{ sql: "REGEX(type, 'a.*')" }],
      'filters[0].sql: not valid CloudEvents SQL: unknown function REGEX with 2 argument(s) at position 1',
    ],
    [
      'a sql filter that is not a string',
      [{ sql: true }],
      'filters[0].sql: must be a CloudEvents SQL expression string, not a boolean',
    ],
    ['an empty sql filter', [{ sql: '  ' }], 'filters[0].sql: must not be empty'],
    [
      'an uppercase attribute name',
      [{ exact: { Type: 'a' } }],
      'filters[0].exact.Type: attribute names are lowercase letters and digits',
    ],
    [
      'a hyphenated attribute name',
      [{ prefix: { 'my-ext': 'a' } }],
      'filters[0].prefix["my-ext"]: attribute names are lowercase letters and digits',
    ],
    [
      'an empty attribute name',
      [{ suffix: { '': 'a' } }],
      'filters[0].suffix[""]: attribute names are lowercase letters and digits',
    ],
    [
      'a non-string value',
      [{ exact: { priority: 5 } }],
      'filters[0].exact.priority: must be a string, not a number',
    ],
    ['an empty exact value', [{ exact: { type: '' } }], 'filters[0].exact.type: must not be an empty string'],
    [
      'an empty prefix value',
      [{ prefix: { type: '' } }],
      'filters[0].prefix.type: must not be an empty string',
    ],
    [
      'an empty suffix value',
      [{ suffix: { type: '' } }],
      'filters[0].suffix.type: must not be an empty string',
    ],
    ['an empty exact object', [{ exact: {} }], 'filters[0].exact: must name at least one attribute'],
    [
      'an exact array',
      [{ exact: ['type'] }],
      'filters[0].exact: must be an object of attribute names to strings, not an array',
    ],
    [
      'an empty all',
      [{ all: [] }],
      'filters[0].all: must be a non-empty array of filters, not an empty array',
    ],
    [
      'an any object',
      [{ any: { exact: { type: 'a' } } }],
      'filters[0].any: must be a non-empty array of filters, not a object',
    ],
    ['a not array', [{ not: [{ exact: { type: 'a' } }] }], 'filters[0].not: must be a filter object such as'],
    [
      'a bad filter deep inside',
      [{ any: [{ not: { all: [{ exact: { type: 'a' } }, { prefix: null }] } }] }],
      'filters[0].any[0].not.all[1].prefix: must be an object of attribute names to strings, not null',
    ],
    [
      'a __proto__ dialect',
      JSON.parse('[{"__proto__": {"type": "a"}}]'),
      'filters[0]: unknown dialect "__proto__"',
    ],
  ])('rejects %s', (_label, input, detail) => {
    expect(() => validateFilters(input)).toThrow(ValidationError);
    expect(() => validateFilters(input)).toThrow(detail);
  });

  it('bounds a sql expression in length and in nesting depth', () => {
    expect(() => validateFilters([{ sql: `${'('.repeat(31)}true${')'.repeat(31)}` }])).not.toThrow();
    expect(() => validateFilters([{ sql: `${'('.repeat(40)}true${')'.repeat(40)}` }])).toThrow(
      'filters[0].sql: not valid CloudEvents SQL: the expression nests more than 32 levels deep at position 33',
    );
    expect(() => validateFilters([{ sql: `subject = '${'x'.repeat(5000)}'` }])).toThrow(
      'filters[0].sql: must be at most 4096 characters',
    );
  });

  it('accepts nesting 8 levels deep and refuses 9', () => {
    expect(() => validateFilters([nest(8)])).not.toThrow();
    expect(() => validateFilters([nest(9)])).toThrow(
      'filters[0].not.not.not.not.not.not.not.not: filters nest at most 8 levels deep',
    );
  });

  it('accepts 64 filter expressions in all and refuses 65', () => {
    const leaf = { exact: { type: 'a' } };
    const sixtyFour = [{ any: Array.from({ length: 63 }, () => leaf) }];
    expect(() => validateFilters(sixtyFour)).not.toThrow();
    expect(() => validateFilters([...sixtyFour, leaf])).toThrow(
      'filters[1]: too many filter expressions (at most 64 in all, nested ones included)',
    );
  });
});
