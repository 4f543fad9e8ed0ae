// Runs every case of the CloudEvents SQL TCK (vendored under
// test/vendor/cesql-tck, see its README for the commit) through the
// evaluator dispatch uses: the expected value and error kind of the complete
// evaluation, and the filter verdict that follows from them (§1.2: an event
// passes only on a true value without error).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, safeLoad } from 'js-yaml';
import { fromStructuredJson } from '../../../../functions/src/cloudevents/json-format';
import { CesqlParseError } from '../../../../functions/src/filters/cesql/cesql-error';
import { CesqlExpression } from '../../../../functions/src/filters/cesql/cesql-expression';
import { matchesFilters } from '../../../../functions/src/filters/matches-filters';

interface TckCase {
  readonly name: string;
  /** YAML reads a bare `TRUE` or `-10` as a boolean or number: String() gives back the expression. */
  readonly expression: string | number | boolean;
  readonly result?: string | number | boolean;
  readonly error?: string;
  readonly event?: Record<string, unknown>;
  readonly eventOverrides?: Record<string, unknown>;
}

interface TckFile {
  readonly name: string;
  readonly tests: readonly TckCase[];
}

const TCK_DIR = join(__dirname, '../../../vendor/cesql-tck');
// "any valid event can be passed" when a case gives none.
const ANY_EVENT = {
  specversion: '1.0',
  id: 'tck-id',
  source: 'https://tck.example/source',
  type: 'tck.type',
};

function load(file: string): TckFile {
  // The core schema keeps `2018-04-26T14:48:09+02:00` a string, as the TCK means it.
  return safeLoad(readFileSync(join(TCK_DIR, file), 'utf8'), { schema: CORE_SCHEMA }) as TckFile;
}

const files = readdirSync(TCK_DIR).filter((f) => f.endsWith('.yaml'));

it('finds the vendored TCK', () => {
  expect(files.length).toBeGreaterThanOrEqual(18);
});

describe.each(files.map((file) => [load(file).name, file] as const))('%s (%s)', (_name, file) => {
  it.each(load(file).tests.map((c) => [c.name, c] as const))('%s', (_caseName, tck) => {
    const expression = String(tck.expression);
    if (tck.error === 'parse') {
      expect(() => CesqlExpression.compile(expression)).toThrow(CesqlParseError);
      return;
    }
    const event = fromStructuredJson(tck.event ?? { ...ANY_EVENT, ...tck.eventOverrides });
    const { value, errors } = CesqlExpression.compile(expression).evaluate(event.attributes);
    if (tck.result !== undefined) expect(value).toStrictEqual(tck.result);
    expect([...new Set(errors.map((e) => e.kind))]).toEqual(tck.error === undefined ? [] : [tck.error]);
    const passes = value === true && errors.length === 0;
    expect(matchesFilters(event, [{ sql: expression }])).toBe(passes);
  });
});
