import { ConfigError } from '../../../functions/src/errors';
import { LOG_STATE } from '../../../functions/src/message-log/log-entry';
import { keeps, levelFor, parseMessageLogLevels } from '../../../functions/src/message-log/log-levels';
import { subjectPrefixes } from '../../../functions/src/message-log/subject-prefixes';

describe('message log levels', () => {
  const levels = parseMessageLogLevels({ acme: 'failures', 'acme/audit': 'all', globex: 'off' }, 'V');

  it("takes a queue's own level over its tenant's, and `all` for anything not named", () => {
    expect(levelFor(levels, 'acme', 'orders')).toBe('failures');
    expect(levelFor(levels, 'acme', 'audit')).toBe('all');
    expect(levelFor(levels, 'globex', 'x')).toBe('off');
    expect(levelFor(levels, 'initech', 'x')).toBe('all');
  });

  it.each<[string, number, boolean, boolean]>([
    ['all', LOG_STATE.delivered, false, true],
    ['all', LOG_STATE.filtered, false, true],
    ['failures', LOG_STATE.delivered, false, false],
    ['failures', LOG_STATE.delivered, true, true],
    ['failures', LOG_STATE.failing, false, true],
    ['failures', LOG_STATE['dead-lettered'], false, true],
    ['failures', LOG_STATE.invalid, false, true],
    ['failures', LOG_STATE.filtered, false, false],
    ['off', LOG_STATE.failing, false, false],
    ['off', LOG_STATE.invalid, false, false],
  ])('level %s keeps state %i (after a failure: %s): %s', (level, state, afterFailure, kept) => {
    expect(keeps(level as 'all', state, afterFailure)).toBe(kept);
  });

  it.each([
    [[], /JSON object/],
    [{ acme: 'some' }, /"acme" must be one of all, failures, off/],
    [{ 'a/b/c': 'off' }, /"a\/b\/c" must be "<tenant>" or "<tenant>\/<queue>"/],
  ])('refuses %j, naming the variable', (value, message) => {
    expect(() => parseMessageLogLevels(value, 'EVENTQ_MESSAGE_LOG_LEVELS')).toThrow(ConfigError);
    expect(() => parseMessageLogLevels(value, 'EVENTQ_MESSAGE_LOG_LEVELS')).toThrow(message);
  });
});

describe('subjectPrefixes', () => {
  it.each([
    ['/devices/x/config', ['/', '/devices/', '/devices/x/', '/devices/x/config']],
    ['/devices/', ['/', '/devices/']],
    ['plain', ['plain']],
    ['a/b', ['a/', 'a/b']],
  ])('%s → %j', (subject, prefixes) => {
    expect(subjectPrefixes(subject)).toEqual(prefixes);
  });

  it('is bounded for a subject of very many segments', () => {
    expect(subjectPrefixes('/x'.repeat(100))).toHaveLength(32);
  });
});
