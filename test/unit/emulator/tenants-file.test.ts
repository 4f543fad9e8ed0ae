// The local stack's tenants file may say what each tenant's message log keeps,
// as Terraform's tenants do; a bad level stops the stack, naming the tenant.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readTenantsFile } from '../../../emulator/tenants-file';
import { messageLogLevelsOf } from '../../../functions/src/message-log/log-levels';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'eventq-tenants-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (content: unknown) => {
  const f = path.join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(f, JSON.stringify(content));
  return f;
};

describe('the tenants file', () => {
  it("reads each tenant's message log setting into the levels dispatch is given", () => {
    const tenants = readTenantsFile(
      file([{ id: 'acme', messageLog: { level: 'failures', queues: { audit: 'all' } } }, { id: 'globex' }]),
    );
    expect(tenants).toEqual([
      { id: 'acme', messageLog: { level: 'failures', queues: { audit: 'all' } } },
      { id: 'globex' },
    ]);
    expect(messageLogLevelsOf(tenants)).toEqual({ acme: 'failures', 'acme/audit': 'all' });
  });

  it.each([
    [{ level: 'some' }, /\[0\]\.messageLog: "acme" must be one of all, failures, off/],
    [{ queues: { orders: 'never' } }, /\[0\]\.messageLog\.queues: "orders" must be one of/],
  ])('refuses message log %j, naming where', (messageLog, message) => {
    expect(() => readTenantsFile(file([{ id: 'acme', messageLog }]))).toThrow(message);
  });
});
