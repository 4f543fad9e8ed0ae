// Process groups with real child processes (node scripts standing in for the
// gcloud wrapper and its Java child).

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  killRegisteredGroups,
  type ProcessGroup,
  registerForCleanup,
  StackStartError,
  spawnProcessGroup,
  stopAll,
} from '../../../emulator/process-group';
import { groupMembers, probeSignal } from './process-table';

// A leader that starts a grandchild which ignores SIGTERM, like a wrapper whose
// Java child outlives it.
const WRAPPER_WITH_STUBBORN_CHILD = `
  const { spawn } = require('node:child_process');
  spawn(process.execPath, ['-e', "process.on('SIGTERM', () => console.log('grandchild ignores SIGTERM')); console.log('grandchild ready'); setInterval(() => {}, 1000)"], { stdio: 'inherit' });
  setInterval(() => {}, 1000);
`;
const IDLE = 'setInterval(() => {}, 1000)';

let logDir: string;
const started: ProcessGroup[] = [];
beforeAll(() => {
  logDir = mkdtempSync(join(tmpdir(), 'eventq-process-group-test-'));
});
afterEach(async () => {
  await stopAll(started.splice(0), 1_000);
});
afterAll(() => rmSync(logDir, { recursive: true, force: true }));

function spawnNode(name: string, script: string): ProcessGroup {
  const group = spawnProcessGroup({
    name,
    command: process.execPath,
    args: ['-e', script],
    logFile: join(logDir, `${name}.log`),
  });
  started.push(group);
  return group;
}

// Whole lines: the log's header line quotes the script, and with it every message.
function logLines(group: ProcessGroup): string[] {
  return group.logTail(50).split('\n');
}

async function waitForLog(group: ProcessGroup, text: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!logLines(group).includes(text)) {
    if (Date.now() > deadline) throw new Error(`${group.name} never logged ${text}: ${group.logTail()}`);
    await sleep(20);
  }
}

test('runs the command in its own process group with output appended to the log file', async () => {
  const group = spawnNode('echo', 'console.log("to stdout"); console.error("to stderr")');
  await expect(group.exited).resolves.toBe(0);
  expect(group.logTail()).toMatch(/starting echo: .* -e .*\nto stdout\nto stderr$/);
  expect(groupMembers(group.pid)).toEqual([]);

  const again = spawnNode('echo', 'console.log("second run")');
  await again.exited;
  expect(again.logTail(3)).toMatch(/^to stderr\n--- .* starting echo: .*\nsecond run$/);
});

test('stop waits for a grandchild that outlives the leader, and SIGKILLs it after the timeout', async () => {
  const group = spawnNode('wrapper', WRAPPER_WITH_STUBBORN_CHILD);
  await waitForLog(group, 'grandchild ready');
  expect(groupMembers(group.pid)).toHaveLength(2);

  const before = Date.now();
  await group.stop(500);

  expect(Date.now() - before).toBeGreaterThanOrEqual(500);
  expect(logLines(group)).toContain('grandchild ignores SIGTERM');
  expect(probeSignal(-group.pid)).toBe('ESRCH');
  expect(group.isRunning()).toBe(false);
  await expect(group.exited).resolves.toBeNull();
});

test('kill ends the whole group at once with SIGKILL, a grandchild that ignores SIGTERM included', async () => {
  const group = spawnNode('crashing', WRAPPER_WITH_STUBBORN_CHILD);
  await waitForLog(group, 'grandchild ready');

  const before = Date.now();
  await group.kill();

  expect(Date.now() - before).toBeLessThan(2_000);
  expect(logLines(group)).not.toContain('grandchild ignores SIGTERM');
  expect(probeSignal(-group.pid)).toBe('ESRCH');
  await expect(group.exited).resolves.toBeNull();
  await expect(group.stop()).resolves.toBeUndefined();
});

test('stop is idempotent and resolves for a group that has already ended', async () => {
  const group = spawnNode('idle', IDLE);
  const first = group.stop();
  expect(group.stop()).toBe(first);
  await first;
  await expect(group.stop()).resolves.toBeUndefined();

  const ended = spawnNode('ended', 'process.exit(3)');
  await expect(ended.exited).resolves.toBe(3);
  await expect(ended.stop()).resolves.toBeUndefined();
});

test('a missing command is a StackStartError thrown by spawnProcessGroup, not an error event', () => {
  const logFile = join(logDir, 'missing.log');
  const spawnMissing = () =>
    spawnProcessGroup({ name: 'missing', command: 'eventq-no-such-command', args: [], logFile });
  expect(spawnMissing).toThrow(StackStartError);
  expect(spawnMissing).toThrow('eventq-no-such-command was not found on PATH: cannot start missing');
  expect(existsSync(logFile)).toBe(false);
});

test('registered groups are SIGKILLed, synchronously, by the handler that runs on process exit', async () => {
  const group = spawnNode('registered', WRAPPER_WITH_STUBBORN_CHILD);
  await waitForLog(group, 'grandchild ready');
  registerForCleanup(group);
  expect(process.listeners('exit')).toContain(killRegisteredGroups);

  killRegisteredGroups();

  await expect(group.exited).resolves.toBeNull();
  const deadline = Date.now() + 10_000;
  while (group.isRunning() && Date.now() < deadline) await sleep(50);
  expect(probeSignal(-group.pid)).toBe('ESRCH');
});
