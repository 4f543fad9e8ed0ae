import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertToolsOnPath } from '../../../emulator/gcloud-emulators';
import { StackStartError } from '../../../emulator/process-group';

let bin: string;
beforeEach(() => {
  bin = mkdtempSync(join(tmpdir(), 'eventq-bin-'));
});
afterEach(() => rmSync(bin, { recursive: true, force: true }));

function install(...tools: string[]): NodeJS.ProcessEnv {
  for (const tool of tools) writeFileSync(join(bin, tool), '#!/bin/sh\n', { mode: 0o755 });
  return { PATH: bin };
}

describe('assertToolsOnPath', () => {
  test.each([
    [[], /^gcloud was not found on PATH: install the Google Cloud CLI/],
    [['java'], /^gcloud was not found on PATH/],
    [
      ['gcloud'],
      /^java was not found on PATH: the Pub\/Sub and Firestore emulators need a Java 17\+ runtime/,
    ],
  ])('with only %j on PATH, refuses with a one-line StackStartError', (tools, message) => {
    const env = install(...tools);
    expect(() => assertToolsOnPath(env)).toThrow(StackStartError);
    expect(() => assertToolsOnPath(env)).toThrow(message);
  });

  test('accepts a PATH with both gcloud and java', () => {
    expect(() => assertToolsOnPath(install('gcloud', 'java'))).not.toThrow();
  });
});
