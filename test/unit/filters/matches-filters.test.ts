import type { CloudEvent } from '../../../functions/src/cloudevents/cloudevent';
import { CesqlExpression } from '../../../functions/src/filters/cesql/cesql-expression';
import type { Filter } from '../../../functions/src/filters/filter';
import { matchesFilters } from '../../../functions/src/filters/matches-filters';

const event: CloudEvent = {
  attributes: {
    specversion: '1.0',
    id: 'evt-1',
    source: 'https://github.com/cloudevents/spec',
    type: 'com.github.pull_request.opened',
    subject: 'images/photo.jpg',
    priority: 42,
    urgent: true,
  },
};

describe('matchesFilters', () => {
  it('matches everything with an empty list of filters', () => {
    expect(matchesFilters(event, [])).toBe(true);
  });

  it.each<[string, Filter, boolean]>([
    ['exact on an equal value', { exact: { type: 'com.github.pull_request.opened' } }, true],
    ['exact on another value', { exact: { type: 'com.github.push' } }, false],
    ['exact case-sensitively', { exact: { type: 'COM.github.pull_request.opened' } }, false],
    ['exact on a prefix of the value', { exact: { type: 'com.github' } }, false],
    [
      'exact with every attribute equal',
      { exact: { type: 'com.github.pull_request.opened', id: 'evt-1' } },
      true,
    ],
    [
      'exact with one attribute different',
      { exact: { type: 'com.github.pull_request.opened', id: 'evt-2' } },
      false,
    ],
    ['prefix on a prefix', { prefix: { type: 'com.github.' } }, true],
    ['prefix on the whole value', { prefix: { type: 'com.github.pull_request.opened' } }, true],
    ['prefix on something else', { prefix: { type: 'org.' } }, false],
    ['prefix with one attribute failing', { prefix: { type: 'com.', source: 'http://' } }, false],
    ['suffix on a suffix', { suffix: { subject: '.jpg' } }, true],
    ['suffix on something else', { suffix: { subject: '.png' } }, false],
    ['exact on an integer by its decimal form', { exact: { priority: '42' } }, true],
    ['exact on a boolean by "true"', { exact: { urgent: 'true' } }, true],
    ['prefix on an integer', { prefix: { priority: '4' } }, true],
  ])('evaluates %s', (_label, filter, expected) => {
    expect(matchesFilters(event, [filter])).toBe(expected);
  });

  it.each<[string, Filter]>([
    ['exact', { exact: { region: 'eu' } }],
    ['prefix', { prefix: { region: 'e' } }],
    ['suffix', { suffix: { region: 'u' } }],
    [
      'exact on a name that Object.prototype has',
      { exact: { constructor: 'function Object() { [native code] }' } },
    ],
    ['prefix on toString', { prefix: { tostring: 'f' } }],
  ])('never matches %s on an attribute the event lacks', (_label, filter) => {
    expect(matchesFilters(event, [filter])).toBe(false);
  });

  it('matches not of a filter on an attribute the event lacks', () => {
    expect(matchesFilters(event, [{ not: { exact: { region: 'eu' } } }])).toBe(true);
  });

  const yes: Filter = { prefix: { type: 'com.github.' } };
  const no: Filter = { exact: { type: 'com.github.push' } };

  it.each<[string, Filter, boolean]>([
    ['all of matching filters', { all: [yes, yes] }, true],
    ['all with one failing', { all: [yes, no] }, false],
    ['any with one matching', { any: [no, yes] }, true],
    ['any with none matching', { any: [no, no] }, false],
    ['not of a match', { not: yes }, false],
    ['not of a mismatch', { not: no }, true],
    ['nested not/any/all', { not: { any: [no, { all: [yes, { not: yes }] }] } }, true],
  ])('evaluates %s', (_label, filter, expected) => {
    expect(matchesFilters(event, [filter])).toBe(expected);
  });

  it.each<[string, Filter, boolean]>([
    ['a sql expression that holds', { sql: "type LIKE 'com.github.%' AND priority > 40 AND urgent" }, true],
    ['a sql expression that does not hold', { sql: "subject LIKE '%.png'" }, false],
    ['a sql expression on a missing attribute, even negated', { sql: "NOT (region = 'eu')" }, false],
    ['a sql expression that errs', { sql: 'priority / 0 = 0' }, false],
    ['a sql expression that is no boolean', { sql: 'priority' }, false],
    ['a sql expression inside not', { not: { sql: "subject LIKE '%.png'" } }, true],
  ])('evaluates %s', (_label, filter, expected) => {
    expect(matchesFilters(event, [filter])).toBe(expected);
  });

  it('compiles a sql filter once for as long as the filter object lives', () => {
    const compile = jest.spyOn(CesqlExpression, 'compile');
    const filter = { sql: "subject LIKE 'images/%'" };
    for (let i = 0; i < 5; i++) expect(matchesFilters(event, [filter])).toBe(true);
    expect(compile).toHaveBeenCalledTimes(1);
    matchesFilters(event, [{ sql: "subject LIKE 'images/%'" }]);
    expect(compile).toHaveBeenCalledTimes(2);
    compile.mockRestore();
  });

  it('requires every filter of the list to match', () => {
    expect(matchesFilters(event, [yes, yes])).toBe(true);
    expect(matchesFilters(event, [yes, no])).toBe(false);
  });
});
