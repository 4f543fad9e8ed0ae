// dispatch writes its pending message-log entries in batches, not one per
// push, and writes what is pending when the platform stops the instance
// (SIGTERM): a dispatch process of the test's own, with a flush interval far
// longer than the test, proves both against the real Firestore emulator.
import { LOCAL_PROJECT_ID } from '../../../emulator/start-stack';
import { queueSubscriptionPath } from '../../../functions/src/tenancy/resource-names';
import { pushEnvelope } from '../../support/push-envelope';
import { deleteLogEntriesOf, logEntriesOf, waitForLogEntries } from '../support/log-entries';
import { callApi, uniqueName } from '../support/stack';
import { startTestDispatch, type TestDispatch } from '../support/test-dispatch';
import { sleep, WebhookReceiver } from '../support/webhook-receiver';

const TENANT = 'acme';
const queue = uniqueName('log-sigterm');
const source = `/tests/${queue}`;
let receiver: WebhookReceiver;
let dispatch: TestDispatch | undefined;

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
  const created = await callApi('POST', '/v1/queues', {
    body: { name: queue, kind: 'push', sink: receiver.url, source },
  });
  expect(created.status).toBe(201);
  dispatch = await startTestDispatch({ EVENTQ_MESSAGE_LOG_FLUSH_MS: '60000' });
});

afterAll(async () => {
  await dispatch?.close();
  await callApi('DELETE', `/v1/queues/${queue}`);
  await deleteLogEntriesOf(TENANT, queue);
  await receiver.close();
});

test('entries wait for the flush interval, and are written when dispatch is stopped', async () => {
  const ids = ['sigterm-1', 'sigterm-2', 'sigterm-3'];
  for (const [i, id] of ids.entries()) {
    const status = await dispatch!.push(
      pushEnvelope({
        subscription: queueSubscriptionPath(LOCAL_PROJECT_ID, TENANT, queue),
        messageId: `${queue}-${i}`,
        attributes: {
          'ce-specversion': '1.0',
          'ce-id': id,
          'ce-source': source,
          'ce-type': 'DEVICE_FIRST_SEEN',
          'content-type': 'application/json',
        },
      }),
    );
    expect(status).toBe(204);
  }
  expect(receiver.accepted()).toHaveLength(3);
  // Delivered, and nothing written yet: the log does not write per push.
  await sleep(1_500);
  expect(await logEntriesOf(TENANT, queue)).toEqual([]);

  await dispatch!.close();
  dispatch = undefined;
  const entries = await waitForLogEntries(TENANT, queue, (es) => es.length === 3, 10_000);
  expect(entries.map((e) => e.data.id).sort()).toEqual(ids);
  for (const { data } of entries) {
    expect(data.state).toBe(30);
    expect(data.attempts).toHaveLength(1);
  }
});
