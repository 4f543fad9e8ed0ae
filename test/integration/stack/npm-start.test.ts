// `npm start` as a user runs it: the local stack comes up, writes
// .eventq/stack.json with the contract's keys once everything answers, and
// Ctrl-C (SIGINT) stops every process it started.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../../emulator/repo-root';
import { eventually } from '../../support/eventually';

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

const waitFor = (holds: () => boolean, timeoutMs: number, what: string) =>
  eventually(holds, Boolean, { timeoutMs, what });

test('the stack starts with the tenants file given, answers, and SIGINT leaves no process behind', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eventq-start-'));
  const stackFile = path.join(dir, 'stack.json');
  const tenantsFile = path.join(dir, 'tenants.json');
  writeFileSync(tenantsFile, JSON.stringify([{ id: 'initech' }, { id: 'umbrella' }]));
  const child = spawn(process.execPath, [path.join(repoRoot(), 'dist', 'emulator', 'start-stack-cli.js')], {
    env: { ...process.env, EVENTQ_STACK_FILE: stackFile, EVENTQ_TENANTS: tenantsFile },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    await waitFor(() => existsSync(stackFile), 90_000, `stack.json (output so far: ${output})`);
    const info = JSON.parse(readFileSync(stackFile, 'utf8'));
    expect(info.projectId).toBe('eventq-local');
    for (const key of ['apiUrl', 'dispatchUrl']) expect(info[key]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const key of ['pubsubEmulatorHost', 'firestoreEmulatorHost'])
      expect(info[key]).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(info.tenants.map((t: { id: string }) => t.id)).toEqual(['initech', 'umbrella']);
    expect(info.tenants[0].topic).toBe('projects/eventq-local/topics/eventq-initech');

    // The token works against the API; a wrong one does not.
    const ok = await fetch(`${info.apiUrl}/v1/queues`, {
      headers: { authorization: `Bearer ${info.tenants[0].token}` },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ queues: [] });
    const wrong = await fetch(`${info.apiUrl}/v1/queues`, {
      headers: { authorization: 'Bearer eqt_wrongwrongwrongwrong' },
    });
    expect(wrong.status).toBe(401);
    await waitFor(() => output.includes('token'), 5_000, 'the banner');
    expect(output).toContain(info.tenants[0].token);

    // Every process the stack started: its children run in process groups of their own.
    const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    expect(children.length).toBeGreaterThanOrEqual(4);

    process.kill(child.pid!, 'SIGINT');
    expect(await exited).toBe(0);
    await waitFor(() => children.every((pid) => !groupAlive(pid)), 10_000, 'every process group to end');
    expect(existsSync(stackFile)).toBe(false);
  } finally {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
  }
});
