// A push queue created through the API with a CloudEvents SQL filter receives,
// through the real push path (emulator, push engine, token relay, dispatch),
// exactly the events the expression holds for; the others are acked and
// counted filteredOut. Binary mode: every attribute arrives as a string, so
// `seq > 2` exercises CESQL's implicit String → Integer cast as well.

import { binaryAttributes, publishRaw } from '../support/publish-raw';
import { createPushQueue, eventually } from '../support/queue-events';
import { callApi, closePubsub } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';

let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
});

afterAll(async () => {
  await Promise.all([receiver.close(), closePubsub()]);
});

test('delivers exactly the events a sql filter matches, and counts the rest filtered out', async () => {
  const queue = await createPushQueue(
    receiver.url,
    { filters: [{ sql: "subject LIKE '/devices/4_' AND seq > 2 AND NOT (region IN ('eu', 'uk'))" }] },
    { prefix: 'sql' },
  );
  const events: Array<{ id: string; subject: string; seq: string; region?: string; matches: boolean }> = [
    { id: 'a', subject: '/devices/42', seq: '3', region: 'us', matches: true },
    { id: 'b', subject: '/devices/42', seq: '2', region: 'us', matches: false },
    { id: 'c', subject: '/devices/420', seq: '9', region: 'us', matches: false },
    { id: 'd', subject: '/devices/47', seq: '10', region: 'eu', matches: false },
    // No region: the expression errs (MissingAttributeError), so the event does not pass (§1.2).
    { id: 'e', subject: '/devices/47', seq: '10', matches: false },
    { id: 'f', subject: '/devices/43', seq: '+7', region: 'jp', matches: true },
  ];
  for (const e of events) {
    await publishRaw('acme', {
      data: '{}',
      attributes: binaryAttributes({
        'ce-id': `${queue.name}-${e.id}`,
        'ce-source': queue.source,
        'ce-subject': e.subject,
        'ce-seq': e.seq,
        'ce-region': e.region,
      }),
    });
  }

  const expected = events.filter((e) => e.matches).map((e) => `${queue.name}-${e.id}`);
  await receiver.waitForAccepted(expected.length, 60_000);
  const stats = await eventually(
    () => callApi('GET', `/v1/queues/${queue.name}/stats`).then((r) => r.body),
    // Other tests' events on the tenant topic are refused by the queue's source too, so at least.
    (s) => s.filteredOut >= events.length - expected.length,
    60_000,
    'the refused events counted filteredOut',
  );
  expect(stats.filteredOut).toBeGreaterThanOrEqual(4);
  // The refused events were judged (counted) after the matching ones were published: nothing else comes.
  await new Promise((r) => setTimeout(r, 1_000));
  const delivered = receiver.accepted().map((d) => decodeURIComponent(String(d.headers['ce-id'])));
  expect([...new Set(delivered)].sort()).toEqual(expected.sort());
});
