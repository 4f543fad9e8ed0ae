// The pure-ish parts of process groups: finding a command on PATH and reading
// the tail of a log. Files only; no process is started.

import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable, readLogTail } from '../../../emulator/process-group';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eventq-unit-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(path: string, content: string, mode = 0o644): string {
  const full = join(dir, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, content);
  chmodSync(full, mode);
  return full;
}

describe('findExecutable', () => {
  test('returns the first executable match in PATH order', () => {
    file('a/tool', '', 0o755);
    const second = file('b/tool', '', 0o755);
    expect(
      findExecutable('tool', { PATH: [join(dir, 'missing'), join(dir, 'b'), join(dir, 'a')].join(':') }),
    ).toBe(second);
  });

  test('skips files without the execute bit, directories and relative PATH entries', () => {
    file('plain/tool', '', 0o644);
    mkdirSync(join(dir, 'dir/tool'), { recursive: true });
    file('relative/tool', '', 0o755);
    const env = { PATH: [join(dir, 'plain'), join(dir, 'dir'), 'relative', ''].join(':') };
    expect(findExecutable('tool', env)).toBeUndefined();
  });

  test('treats a command with a slash as a path, whatever PATH says', () => {
    const tool = file('bin/tool', '', 0o755);
    expect(findExecutable(tool, { PATH: '' })).toBe(tool);
    expect(findExecutable(join(dir, 'bin/absent'), { PATH: join(dir, 'bin') })).toBeUndefined();
  });

  test('finds nothing when PATH is unset', () => {
    expect(findExecutable('node', {})).toBeUndefined();
  });
});

describe('readLogTail', () => {
  test('returns the last lines without the final newline', () => {
    const log = file('log', 'one\ntwo\nthree\nfour\n');
    expect(readLogTail(log, 2)).toBe('three\nfour');
    expect(readLogTail(log, 10)).toBe('one\ntwo\nthree\nfour');
  });

  test('keeps a last line that has no newline yet', () => {
    expect(readLogTail(file('log', 'one\ntwo'), 1)).toBe('two');
  });

  test('returns an empty string for a log that does not exist yet', () => {
    expect(readLogTail(join(dir, 'absent.log'), 20)).toBe('');
  });

  test('reads only the end of a large log', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i}`);
    const log = file('big.log', `${lines.join('\n')}\n`);
    expect(readLogTail(log, 3)).toBe('line 19997\nline 19998\nline 19999');
  });
});
