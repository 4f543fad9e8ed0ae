// The tenant console in a real Chromium against the local stack's api: what a
// tenant sees and does after opening a portal link.
import type { Browser } from 'playwright-core';
import { callApi, uniqueName } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';
import {
  launchChromium,
  openPage,
  screenshot,
  screenshots,
  seriousViolations,
  type WatchedPage,
} from './console-browser';
import { expireSession, portalLink } from './portal-session-link';

let browser: Browser;
let receiver: WebhookReceiver;
const opened: WatchedPage[] = [];

beforeAll(async () => {
  [browser, receiver] = await Promise.all([launchChromium(), WebhookReceiver.start()]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), receiver?.close()]);
});

afterEach(async () => {
  for (const watched of opened.splice(0)) {
    // Whatever a test did, the console logged no error and asked no other origin for anything.
    expect(watched.errors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
    await watched.context.close();
  }
});

async function signedIn(
  tenant: string,
  access: 'read' | 'manage' = 'manage',
  viewport?: { width: number; height: number },
) {
  const watched = await openPage(browser, viewport);
  opened.push(watched);
  const link = await portalLink(tenant, { access });
  const response = await watched.page.goto(link.url);
  await watched.page.getByRole('heading', { name: 'Queues', level: 1 }).waitFor();
  return { ...watched, link, response: response! };
}

test('a portal link signs in: the CSP is there, and neither the code nor a token is left in the URL or history', async () => {
  const name = uniqueName('browser-own');
  await callApi('POST', '/v1/queues', { tenant: 'acme', body: { name, kind: 'push', sink: receiver.url } });
  const { page, link, response } = await signedIn('acme');
  expect(response.headers()['content-security-policy']).toContain("default-src 'self'");
  await page.getByRole('link', { name }).waitFor();
  expect(page.url()).not.toContain(link.code);
  expect(page.url()).not.toContain('eqs_');
  expect(new URL(page.url()).hash).toBe('#/queues');
  // Each queue's last 24 hours: its chart, and the chart's numbers in words.
  await page
    .getByText(/^Last 24 h: \d+ delivered, \d+ failed attempts?/)
    .first()
    .waitFor();
  await screenshots(page, 'queues');
  expect(await seriousViolations(page)).toEqual([]);
  // The link's entry in history was replaced by the cleaned URL: one step back is the blank tab it was opened in.
  await page.goBack();
  expect(page.url()).toBe('about:blank');
});

test('a tenant creates a push queue through the form, pauses and resumes it, and rotates its secret', async () => {
  const { page } = await signedIn('acme');
  const name = uniqueName('browser-made');
  await page.getByRole('link', { name: 'Create a queue' }).click();
  await page.getByRole('checkbox', { name: 'DEVICE_FIRST_SEEN' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, 'create-queue');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Sink URL').fill(receiver.url);
  await page.getByRole('checkbox', { name: 'DEVICE_FIRST_SEEN' }).check();
  await page.getByRole('button', { name: 'Create queue' }).click();
  await page.getByRole('heading', { name: `Queue ${name} created` }).waitFor();
  await page.getByText('passed the validation handshake').waitFor();
  expect(await page.getByLabel('Signing secret').inputValue()).toMatch(/^whsec_/);
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('link', { name: `Open queue ${name}` }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Resume' }).waitFor();
  expect((await callApi('GET', `/v1/queues/${name}`, { tenant: 'acme' })).body.status).toBe('paused');
  await page.getByRole('button', { name: 'Resume' }).click();
  await page.getByRole('button', { name: 'Pause' }).waitFor();
  expect((await callApi('GET', `/v1/queues/${name}`, { tenant: 'acme' })).body.status).toBe('active');

  await page.getByRole('button', { name: 'Rotate secret' }).click();
  const secret = page.getByLabel('New signing secret');
  await secret.waitFor();
  expect(await secret.inputValue()).toMatch(/^whsec_/);

  await page.getByRole('button', { name: 'Send a test event' }).click();
  await page.getByText(/The sink answered HTTP 200/).waitFor();
  await page.getByRole('heading', { name: 'Deliveries per hour, last 7 days' }).waitFor();
  await screenshots(page, 'queue');
  expect(await seriousViolations(page)).toEqual([]);
});

test("another tenant's session never shows the first tenant's queues", async () => {
  const name = uniqueName('browser-acme-only');
  await callApi('POST', '/v1/queues', { tenant: 'acme', body: { name, kind: 'pull' } });
  const { page } = await signedIn('globex');
  await page.getByText('globex', { exact: true }).waitFor();
  await page.waitForLoadState('networkidle');
  expect(await page.getByRole('link', { name }).count()).toBe(0);
  await page.goto(`${new URL(page.url()).origin}/console/#/queues/${name}`);
  await page.getByRole('alert').filter({ hasText: 'ERR_NOT_FOUND' }).waitFor();
});

test('a read session shows no control that changes anything, and the API refuses its writes', async () => {
  const name = uniqueName('browser-read');
  await callApi('POST', '/v1/queues', { tenant: 'acme', body: { name, kind: 'push', sink: receiver.url } });
  const { page } = await signedIn('acme', 'read', { width: 390, height: 844 });
  await page.getByText('read-only').waitFor();
  expect(await page.getByRole('link', { name: 'Create a queue' }).count()).toBe(0);
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Recent failures' }).waitFor();
  await page.getByRole('heading', { name: 'Message log' }).waitFor();
  // The only buttons left search and page through the log.
  const buttons = await page.getByRole('button').allTextContents();
  expect(buttons.filter((b) => !['Search', 'Older', 'Newer'].includes(b))).toEqual([]);
  await screenshot(page, 'queue-read-390');
  expect(await seriousViolations(page)).toEqual([]);
  // What a crafted request with the session's own token gets.
  const status = await page.evaluate(async (path) => {
    const session = JSON.parse(sessionStorage.getItem('eventq.console.session')!) as { token: string };
    const res = await fetch(path, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'paused' }),
    });
    return res.status;
  }, `/v1/queues/${name}`);
  expect(status).toBe(403);
  expect((await callApi('GET', `/v1/queues/${name}`, { tenant: 'acme' })).body.status).toBe('active');
});

test('a link opened a second time shows the sign-in page and why', async () => {
  const first = await signedIn('acme');
  const again = await openPage(browser);
  opened.push(again);
  await again.page.goto(first.link.url);
  await again.page.getByRole('heading', { name: 'Sign in to the eventq console' }).waitFor();
  await again.page.getByRole('alert').filter({ hasText: 'used or has expired' }).waitFor();
  expect(await seriousViolations(again.page)).toEqual([]);
  await screenshots(again.page, 'sign-in');
});

test('a session that has ended shows the sign-in page, and the API answers it 401', async () => {
  const { page } = await signedIn('acme');
  await page.getByRole('link', { name: 'Event types' }).click();
  await page.getByRole('heading', { name: 'DEVICE_FIRST_SEEN' }).waitFor();
  await page.getByText('Example payload').first().click();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, 'event-types');
  await page.getByRole('link', { name: 'Queues' }).click();
  const token = await page.evaluate(
    () => (JSON.parse(sessionStorage.getItem('eventq.console.session')!) as { token: string }).token,
  );
  await expireSession(token);
  expect((await callApi('GET', '/v1/queues', { token })).status).toBe(401);
  await page.getByRole('link', { name: 'Event types' }).click();
  await page.getByRole('heading', { name: 'Sign in to the eventq console' }).waitFor();
  await page.getByText('Your console session has ended.').waitFor();
  await screenshots(page, 'session-ended');
  expect(await seriousViolations(page)).toEqual([]);
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
});
