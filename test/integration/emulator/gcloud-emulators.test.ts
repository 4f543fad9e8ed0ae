// Against the real gcloud emulators: start, answer, stop without leftovers, and
// the one-line errors for the ways a machine can be unfit to start them.

import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { get } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../emulator/free-port';
import {
  type RunningEmulator,
  startFirestoreEmulator,
  startPubsubEmulator,
} from '../../../emulator/gcloud-emulators';
import { findExecutable, StackStartError, spawnProcessGroup, stopAll } from '../../../emulator/process-group';
import { waitForHttp } from '../../../emulator/wait-for-http';
import { groupMembers, listProcesses, probeSignal } from './process-table';

let logDir: string;
beforeAll(() => {
  logDir = mkdtempSync(join(tmpdir(), 'eventq-emulator-test-'));
});
afterAll(() => rmSync(logDir, { recursive: true, force: true }));

function getText(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

function processesMentioningPort(port: number) {
  return listProcesses().filter((entry) => entry.cmdline.includes(`127.0.0.1:${port}`));
}

test('starts both emulators in parallel, each answers Ok, and stopping leaves no process of either group', async () => {
  const [pubsubPort, firestorePort] = [await freePort(), await freePort()];
  // allSettled: when one fails to start, the other must still be stopped.
  const started = await Promise.allSettled([
    startPubsubEmulator({ port: pubsubPort, projectId: 'eventq-test', logDir }),
    startFirestoreEmulator({ port: firestorePort, projectId: 'eventq-test', logDir }),
  ]);
  const emulators = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const members = new Map<number, number[]>();
  try {
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    const [pubsub, firestore] = emulators as [RunningEmulator, RunningEmulator];
    expect(pubsub.host).toBe(`127.0.0.1:${pubsubPort}`);
    expect(firestore.host).toBe(`127.0.0.1:${firestorePort}`);
    for (const emulator of emulators) {
      const answer = await getText(`http://${emulator.host}/`);
      expect({ status: answer.status, body: answer.body.trim() }).toEqual({ status: 200, body: 'Ok' });
      const group = groupMembers(emulator.pid);
      // The point of process groups: the server is a Java grandchild of the wrapper.
      expect(group.map((entry) => entry.comm)).toContain('java');
      members.set(
        emulator.pid,
        group.map((entry) => entry.pid),
      );
    }
  } finally {
    await stopAll(emulators);
  }

  for (const [pgid, pids] of members) {
    expect(probeSignal(-pgid)).toBe('ESRCH');
    for (const pid of pids) expect(probeSignal(pid)).toBe('ESRCH');
  }
  expect(emulators.map((emulator) => emulator.isRunning())).toEqual([false, false]);
});

describe('refuses to start, with one clear line and nothing left running', () => {
  let server: Server;
  let takenPort: number;
  beforeEach(async () => {
    takenPort = await freePort();
    server = createServer();
    await new Promise<void>((resolve) => server.listen(takenPort, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  test.each([
    ['Pub/Sub', startPubsubEmulator],
    ['Firestore', startFirestoreEmulator],
  ])('when the %s emulator port is taken', async (_label, start) => {
    const attempt = start({ port: takenPort, projectId: 'eventq-test', logDir });
    await expect(attempt).rejects.toThrow(StackStartError);
    await expect(attempt).rejects.toThrow(`port ${takenPort} on 127.0.0.1 is already in use`);
    expect(processesMentioningPort(takenPort)).toEqual([]);
  });
});

describe('refuses to start on a machine without the tools', () => {
  let binDir: string;
  beforeEach(() => {
    binDir = mkdtempSync(join(tmpdir(), 'eventq-path-'));
  });
  afterEach(() => rmSync(binDir, { recursive: true, force: true }));

  test('when gcloud is not on PATH', async () => {
    const port = await freePort();
    const attempt = startPubsubEmulator({
      port,
      projectId: 'p',
      logDir,
      env: { ...process.env, PATH: binDir },
    });
    await expect(attempt).rejects.toThrow(StackStartError);
    await expect(attempt).rejects.toThrow(/^gcloud was not found on PATH: install the Google Cloud CLI/);
    expect(processesMentioningPort(port)).toEqual([]);
  });

  test('when java is not on PATH', async () => {
    symlinkSync(findExecutable('gcloud')!, join(binDir, 'gcloud'));
    const port = await freePort();
    const attempt = startFirestoreEmulator({
      port,
      projectId: 'p',
      logDir,
      env: { ...process.env, PATH: binDir },
    });
    await expect(attempt).rejects.toThrow(/^java was not found on PATH: .*Java 17\+/);
    expect(processesMentioningPort(port)).toEqual([]);
  });
});

test('an emulator that dies at start makes waitForHttp fail at once with its name, URL and log tail', async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const doomed = spawnProcessGroup({
    name: 'doomed-emulator',
    command: process.execPath,
    args: ['-e', 'console.log("booting"); console.error("FATAL: cannot bind the port"); process.exit(1)'],
    logFile: join(logDir, 'doomed-emulator.log'),
  });

  const started = Date.now();
  const error: unknown = await waitForHttp(url, { timeoutMs: 30_000, process: doomed }).catch((e) => e);

  expect(error).toBeInstanceOf(StackStartError);
  expect(error).toMatchObject({ code: 'ERR_STACK_START' });
  const message = (error as Error).message;
  expect(message).toContain(`doomed-emulator exited with code 1 before answering at ${url}`);
  expect(message).toContain('booting\nFATAL: cannot bind the port');
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(doomed.isRunning()).toBe(false);
});
