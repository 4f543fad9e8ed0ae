// The console's message log and event pages in a real Chromium against the
// local stack: an event published to the tenant's topic shows up in its
// queue's log; its page shows the attempt with the sink's status; resending
// it reaches the sink again with the same webhook-id.
import type { Browser } from 'playwright-core';
import { binaryAttributes, publishRaw } from '../support/publish-raw';
import { callApi, closePubsub, uniqueName } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';
import {
  launchChromium,
  openPage,
  screenshots,
  seriousViolations,
  type WatchedPage,
  waitForShown,
} from './console-browser';
import { portalLink } from './portal-session-link';

let browser: Browser;
let receiver: WebhookReceiver;
let watched: WatchedPage | undefined;

beforeAll(async () => {
  [browser, receiver] = await Promise.all([launchChromium(), WebhookReceiver.start()]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), receiver?.close(), closePubsub()]);
});

afterEach(async () => {
  expect(watched?.errors).toEqual([]);
  expect(watched?.foreignRequests).toEqual([]);
  await watched?.context.close();
});

test('a published event appears in the log; its page shows the attempt; resend delivers the same webhook-id', async () => {
  const name = uniqueName('browser-log');
  // Filtered to this test's own subject: other files publish to acme at the same time.
  const subject = `/devices/${uniqueName('dev')}`;
  const created = await callApi('POST', '/v1/queues', {
    tenant: 'acme',
    body: { name, kind: 'push', sink: receiver.url, filters: [{ exact: { subject } }] },
  });
  expect(created.status).toBe(201);
  await publishRaw('acme', {
    data: JSON.stringify({ deviceUuid: '7f3c1e52-9a0b-4c1d-8e2f-3a4b5c6d7e8f', name: 'sensor 7' }),
    attributes: binaryAttributes({ 'ce-subject': subject }),
  });
  const [delivered] = await receiver.waitForAccepted(1);
  const webhookId = String(delivered!.headers['webhook-id']);

  watched = await openPage(browser);
  const { page } = watched;
  await page.goto((await portalLink('acme')).url);
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { name: 'Message log' }).waitFor();
  // The log lags by dispatch's flush interval: search again until the entry is there.
  const row = page.getByRole('row').filter({ hasText: subject });
  for (let i = 0; i < 30 && (await row.count()) === 0; i++) {
    await page.waitForTimeout(500);
    await page.getByRole('button', { name: 'Search' }).click();
  }
  await row.waitFor();
  expect(await row.textContent()).toContain('delivered');
  await screenshots(page, 'queue-log');
  expect(await seriousViolations(page)).toEqual([]);

  await row.getByRole('link').click();
  await page.getByRole('heading', { name: 'Attempts' }).waitFor();
  const attempt = page.getByRole('row').filter({ hasText: ' ms' }).first();
  expect(await attempt.textContent()).toContain('200');
  expect(await page.locator('pre').textContent()).toContain('"name": "sensor 7"');
  await screenshots(page, 'event');
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Resend' }).click();
  await page.getByText(`Sent again with webhook-id ${webhookId}`).waitFor();
  const again = await receiver.waitForAccepted(2);
  expect(String(again[1]!.headers['webhook-id'])).toBe(webhookId);
});

test("a queue's week chart counts its deliveries; resend-all and replay show their progress and reach the sink again", async () => {
  const sink = await WebhookReceiver.start();
  try {
    const name = uniqueName('browser-bulk');
    const subject = `/devices/${uniqueName('bulk')}`;
    const created = await callApi('POST', '/v1/queues', {
      tenant: 'acme',
      body: { name, kind: 'push', sink: sink.url, filters: [{ exact: { subject } }] },
    });
    expect(created.status).toBe(201);
    for (let i = 0; i < 2; i++) {
      await publishRaw('acme', {
        data: JSON.stringify({ n: i }),
        attributes: binaryAttributes({ 'ce-subject': subject }),
      });
    }
    const first = await sink.waitForAccepted(2);
    const webhookIds = first.map((d) => String(d.headers['webhook-id'])).sort();

    watched = await openPage(browser);
    const { page } = watched;
    await page.goto((await portalLink('acme')).url);
    await page.getByRole('link', { name }).click();
    // The counters lag by dispatch's flush interval: load the page again until the week shows both.
    const week = page.getByText(/^Last 7 days: 2 delivered, 0 failed attempts/);
    // Each load gets a few seconds to fetch its counts before the next (a busy machine is slow to answer).
    for (let i = 0; i < 15; i++) {
      const shown = await week
        .waitFor({ timeout: 3_000 })
        .then(() => true)
        .catch(() => false);
      if (shown) break;
      await page.reload();
    }
    await week.waitFor();
    await page.getByText(/Numbers per hour \(1 of 16[89] hours counted deliveries\)/).click();
    const hour = page.getByRole('row').filter({ has: page.getByRole('cell', { name: '2', exact: true }) });
    await hour.first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'queue-with-traffic');

    // Resend every entry of a search: both events again, with their webhook-ids. The search
    // is always submitted: unsearched, the queue's log also holds the `filtered` entries of
    // other files' events to acme, and resend-all would queue those too.
    await page.getByLabel('Subject').fill(subject);
    const rows = page.getByRole('row').filter({ hasText: subject });
    for (let i = 0; i === 0 || (i < 30 && (await rows.count()) < 2); i++) {
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForTimeout(500);
    }
    expect(await rows.count()).toBe(2);
    await page.getByRole('button', { name: 'Resend all matching' }).click();
    await waitForShown(page.locator('.bulk-resend'), '2 events queued to be delivered again');
    const resent = (await sink.waitForAccepted(4)).slice(2);
    expect(resent.map((d) => String(d.headers['webhook-id'])).sort()).toEqual(webhookIds);

    // Replay since an hour ago: the seek is done at once, and the redeliveries are counted as they come.
    await page.getByRole('button', { name: 'Replay' }).click();
    await page.getByText(/^Seek done: Pub\/Sub delivers again every event published since/).waitFor();
    await sink.waitForAccepted(5);
    await page.getByText(/^Since the replay began: [1-9]\d* delivered/).waitFor({ timeout: 20_000 });
    expect(await seriousViolations(page)).toEqual([]);
  } finally {
    await sink.close();
  }
});
