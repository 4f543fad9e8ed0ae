import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCredentialsFile, parseCredentials } from '../../../cli/pull/credentials-file';

const valid = {
  type: 'eventq-pull-queue',
  projectId: 'p',
  tenant: 'acme',
  queue: 'orders',
  subscription: 'projects/p/subscriptions/eventq-acme.orders',
  filters: [{ exact: { type: 'DEVICE_FIRST_SEEN' } }],
  access: 'emulator: no IAM, any client can pull',
  authentication: 'none',
};

test('reads what listen needs from a credentials document', () => {
  expect(parseCredentials('c.json', JSON.stringify({ ...valid, emulatorHost: '127.0.0.1:8085' }))).toEqual({
    projectId: 'p',
    queue: 'orders',
    subscription: 'projects/p/subscriptions/eventq-acme.orders',
    filters: [{ exact: { type: 'DEVICE_FIRST_SEEN' } }],
    emulatorHost: '127.0.0.1:8085',
  });
});

test.each([
  ['not JSON', 'nope', /c.json: is not JSON/],
  [
    'another kind of document',
    JSON.stringify({ ...valid, type: 'service_account' }),
    /not a pull-queue credentials document/,
  ],
  [
    'no subscription',
    JSON.stringify({ ...valid, subscription: undefined }),
    /subscription: must be a non-empty string/,
  ],
  [
    'an unknown filter dialect',
    JSON.stringify({ ...valid, filters: [{ regex: 'x' }] }),
    /c.json: .*filters\[0\]/,
  ],
])('refuses %s with exit code 2', (_, text, message) => {
  expect(() => parseCredentials('c.json', text)).toThrow(
    expect.objectContaining({ exitCode: 2, message: expect.stringMatching(message) }),
  );
});

test('writes the document with mode 0600, also over an existing world-readable file', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eventq-creds-'));
  const file = path.join(dir, 'creds.json');
  writeFileSync(file, 'old');
  chmodSync(file, 0o644);
  openCredentialsFile(file).write(valid);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(valid);
});

test('abandoning removes the file when nothing was written', () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'eventq-creds-')), 'creds.json');
  openCredentialsFile(file).abandon();
  expect(existsSync(file)).toBe(false);
});

test('an unwritable path fails before anything is created, with exit code 2', () => {
  expect(() => openCredentialsFile('/nonexistent-dir/creds.json')).toThrow(
    expect.objectContaining({ exitCode: 2 }),
  );
});
