import { deadLetterAttributes } from '../../../../emulator/push-engine/dead-letter-forwarder';
import { parseSubscriptionSettings } from '../../../../emulator/push-engine/subscription-settings';
import { message } from './fake-delivery-ports';

// A queue subscription as the emulator's REST API returns it.
const QUEUE_SUBSCRIPTION = {
  name: 'projects/eventq-local/subscriptions/eventq-acme.orders',
  topic: 'projects/eventq-local/topics/eventq-acme',
  pushConfig: {
    pushEndpoint: 'http://127.0.0.1:4000/push',
    oidcToken: { serviceAccountEmail: 'push@x.iam.gserviceaccount.com', audience: 'http://127.0.0.1:4001' },
  },
  ackDeadlineSeconds: 60,
  retryPolicy: { minimumBackoff: '1s', maximumBackoff: '10.500s' },
  deadLetterPolicy: {
    deadLetterTopic: 'projects/eventq-local/topics/eventq-acme-dead',
    maxDeliveryAttempts: 7,
  },
  enableMessageOrdering: true,
};

test('reads push endpoint, token, ack deadline, retry and dead-letter policies and ordering', () => {
  expect(parseSubscriptionSettings(QUEUE_SUBSCRIPTION)).toEqual({
    name: QUEUE_SUBSCRIPTION.name,
    pushEndpoint: 'http://127.0.0.1:4000/push',
    oidcToken: { serviceAccountEmail: 'push@x.iam.gserviceaccount.com', audience: 'http://127.0.0.1:4001' },
    ackDeadlineMs: 60_000,
    retryPolicy: { minimumBackoffMs: 1_000, maximumBackoffMs: 10_500 },
    deadLetterPolicy: {
      deadLetterTopic: 'projects/eventq-local/topics/eventq-acme-dead',
      maxDeliveryAttempts: 7,
    },
    ordered: true,
  });
});

test("a paused subscription (empty push config) has no endpoint, and Pub/Sub's defaults fill the gaps", () => {
  expect(parseSubscriptionSettings({ name: 'projects/p/subscriptions/s', pushConfig: {} })).toEqual({
    name: 'projects/p/subscriptions/s',
    pushEndpoint: '',
    ackDeadlineMs: 10_000,
    ordered: false,
  });
});

test('a dead letter carries the attributes Pub/Sub adds, beside the original ones', () => {
  const settings = parseSubscriptionSettings(QUEUE_SUBSCRIPTION);
  const pushed = { ...message('m1'), publishTime: '2026-12-01T20:00:00.123Z' };
  pushed.json = { ...pushed.json, attributes: { 'ce-id': 'e1' } };
  expect(deadLetterAttributes(settings, pushed, 7)).toEqual({
    'ce-id': 'e1',
    CloudPubSubDeadLetterSourceDeliveryCount: '7',
    CloudPubSubDeadLetterSourceSubscription: 'eventq-acme.orders',
    CloudPubSubDeadLetterSourceSubscriptionProject: 'eventq-local',
    CloudPubSubDeadLetterSourceTopicPublishTime: '2026-12-01T20:00:00.123Z',
  });
});
