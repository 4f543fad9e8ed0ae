// Starts one local stack (real emulators, real functions) for every
// integration test, with two tenants so that isolation can be tested.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type RunningStack, startStack } from '../../emulator/start-stack';

declare global {
  var __EVENTQ_STACK__: RunningStack | undefined;
}

export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eventq-test-'));
  const stackFile = path.join(dir, 'stack.json');
  const stack = await startStack({
    tenants: [{ id: 'acme' }, { id: 'globex' }],
    stackFile,
    logDir: path.join(dir, 'logs'),
    progress: (line) => process.stderr.write(`[stack] ${line}\n`),
  });
  globalThis.__EVENTQ_STACK__ = stack;
  process.env.EVENTQ_STACK_FILE = stackFile;
  process.env.EVENTQ_TEST_LOG_DIR = path.join(dir, 'logs');
}
