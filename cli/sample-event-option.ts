// The `--event` and `--filter` values of `eventq filters test` and
// `eventq events route`: JSON given inline, or `@path` to read it from a file.
import { readFileSync } from 'node:fs';
import { CliError, ExitCode } from './cli-error';

export function readJsonOption(flag: string, value: string, example: string): unknown {
  let text = value;
  if (value.startsWith('@')) {
    try {
      text = readFileSync(value.slice(1), 'utf8');
    } catch (error) {
      throw new CliError(
        `${flag}: cannot read ${value.slice(1)}: ${(error as Error).message}`,
        ExitCode.Usage,
      );
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CliError(`${flag} must be JSON or @file, e.g. ${example}, got ${value}`, ExitCode.Usage);
  }
}

export const EVENT_EXAMPLE = `'{"specversion":"1.0","id":"1","source":"/devices","type":"DEVICE_FIRST_SEEN"}'`;

export function readEventOption(value: string): unknown {
  return readJsonOption('--event', value, EVENT_EXAMPLE);
}
