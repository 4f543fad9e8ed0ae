// Reply events: a queue with "replies": true publishes a sink's 2xx answer
// that carries a CloudEvent to the tenant's topic, with causationid,
// correlationid and one more hop; an answer that is no event is nothing; a
// bad reply is recorded and counted, never retried; a loop stops at 8 hops.
import type { SinkResponse } from '../../../functions/src/delivery/post-to-sink';
import { handlePush } from '../../../functions/src/dispatch/handle-push';
import { HOPS_EXTENSION, replyOf } from '../../../functions/src/dispatch/reply-of';
import { dispatchWorld, GOOD_TOKEN } from '../../support/dispatch-world';
import { CLOUDEVENT_ATTRIBUTES, pushEnvelope } from '../../support/push-envelope';
import { pushQueueDefinition } from '../../support/queue-fixtures';

const DELIVERED = {
  attributes: { specversion: '1.0', id: 'evt-1', source: '/devices/1', type: 'DEVICE_FIRST_SEEN' },
};

function answer(headers: Record<string, string>, body = '', truncated = false): SinkResponse {
  return {
    status: 200,
    headers,
    bodyExcerpt: body.slice(0, 512),
    body: Buffer.from(body),
    bodyTruncated: truncated,
    latencyMs: 2,
  };
}

const binaryReply = {
  'ce-specversion': '1.0',
  'ce-id': 'reply-1',
  'ce-source': '/handlers/enricher',
  'ce-type': 'DEVICE_ENRICHED',
  'ce-subject': '%2Fdevices%2F1',
  'content-type': 'application/json',
};

describe('replyOf', () => {
  test('a binary-mode answer is a reply, with causation, correlation and a hop', () => {
    const verdict = replyOf(answer(binaryReply, '{"site":"lab"}'), DELIVERED, 8);
    expect(verdict).toEqual({
      kind: 'reply',
      event: {
        attributes: {
          specversion: '1.0',
          id: 'reply-1',
          source: '/handlers/enricher',
          type: 'DEVICE_ENRICHED',
          subject: '/devices/1',
          datacontenttype: 'application/json',
          causationid: 'evt-1',
          correlationid: 'evt-1',
          [HOPS_EXTENSION]: '1',
        },
        data: Buffer.from('{"site":"lab"}'),
      },
    });
  });

  test('a structured-mode answer is a reply; a correlation id is carried over', () => {
    const body = JSON.stringify({ specversion: '1.0', id: 'r2', source: '/h', type: 'T', data: { a: 1 } });
    const delivered = {
      attributes: { ...DELIVERED.attributes, correlationid: 'root-7', [HOPS_EXTENSION]: '3' },
    };
    const verdict = replyOf(answer({ 'content-type': 'application/cloudevents+json' }, body), delivered, 8);
    expect(verdict.kind).toBe('reply');
    if (verdict.kind !== 'reply') return;
    expect(verdict.event.attributes).toMatchObject({
      causationid: 'evt-1',
      correlationid: 'root-7',
      [HOPS_EXTENSION]: '4',
    });
    expect(JSON.parse(verdict.event.data!.toString())).toEqual({ a: 1 });
  });

  test('an ordinary answer is no reply', () => {
    expect(replyOf(answer({ 'content-type': 'application/json' }, '{"ok":true}'), DELIVERED, 8)).toEqual({
      kind: 'none',
    });
    expect(replyOf(answer({}, ''), DELIVERED, 8)).toEqual({ kind: 'none' });
    expect(replyOf(answer({ 'content-type': 'text/plain' }, 'x'.repeat(10), true), DELIVERED, 8)).toEqual({
      kind: 'none',
    });
  });

  test('an answer that claims to be an event and is not one is refused with the reason', () => {
    const { 'ce-type': _type, ...noType } = binaryReply;
    expect(replyOf(answer(noType, '{}'), DELIVERED, 8)).toEqual({
      kind: 'refused',
      reason: expect.stringMatching(/not a valid CloudEvent: .*type/),
    });
    expect(
      replyOf(answer({ 'content-type': 'application/cloudevents+json' }, '{nope'), DELIVERED, 8).kind,
    ).toBe('refused');
    expect(replyOf(answer(binaryReply, '{}', true), DELIVERED, 8)).toEqual({
      kind: 'refused',
      reason: expect.stringMatching(/larger than/),
    });
  });

  test('the reply beyond the hop limit is dropped', () => {
    const deep = { attributes: { ...DELIVERED.attributes, [HOPS_EXTENSION]: '8' } };
    expect(replyOf(answer(binaryReply, '{}'), deep, 8)).toEqual({
      kind: 'dropped',
      reason: 'the reply would be hop 9, beyond the limit of 8',
    });
  });
});

describe('a push to a queue that takes replies', () => {
  const queue = { ...pushQueueDefinition(), replies: true };
  const push = () => pushEnvelope({ subscription: queue.subscription, attributes: CLOUDEVENT_ATTRIBUTES });

  test('publishes the reply before it acks, and counts it', async () => {
    const world = dispatchWorld({ queues: [queue], sink: () => answer(binaryReply, '{"site":"lab"}') });
    expect((await handlePush(GOOD_TOKEN, push(), world.deps)).status).toBe(204);
    expect(world.replies).toHaveLength(1);
    expect(world.replies[0]!.tenant).toBe(queue.tenant);
    expect(world.replies[0]!.message.attributes).toMatchObject({
      'ce-type': 'DEVICE_ENRICHED',
      'ce-causationid': CLOUDEVENT_ATTRIBUTES['ce-id'],
      [`ce-${HOPS_EXTENSION}`]: '1',
    });
    expect(world.counts.repliesPublished).toBe(1);
    expect(world.posted[0]!.keepBody).toBeGreaterThan(0);
  });

  test('answers 503 when the reply cannot be published, so that nothing is lost', async () => {
    const world = dispatchWorld({
      queues: [queue],
      sink: () => answer(binaryReply, '{}'),
      overrides: { publishReply: () => Promise.reject(new Error('pubsub down')) },
    });
    expect((await handlePush(GOOD_TOKEN, push(), world.deps)).status).toBe(503);
  });

  test('acks a refused reply, counts it and notes it in the log entry', async () => {
    const { 'ce-id': _id, ...noId } = binaryReply;
    const world = dispatchWorld({ queues: [queue], sink: () => answer(noId, '{}') });
    expect((await handlePush(GOOD_TOKEN, push(), world.deps)).status).toBe(204);
    expect(world.replies).toHaveLength(0);
    expect(world.counts.repliesRefused).toBe(1);
    expect(world.logTouches.at(-1)?.attempt?.error).toMatch(/^reply refused: /);
  });

  test('drops the reply beyond the configured hop limit (EVENTQ_REPLY_MAX_HOPS), and counts it', async () => {
    const atHops = (hops: number) =>
      pushEnvelope({
        subscription: queue.subscription,
        attributes: { ...CLOUDEVENT_ATTRIBUTES, [`ce-${HOPS_EXTENSION}`]: String(hops) },
      });
    const world = dispatchWorld({ queues: [queue], replyMaxHops: 3, sink: () => answer(binaryReply, '{}') });
    expect((await handlePush(GOOD_TOKEN, atHops(2), world.deps)).status).toBe(204);
    expect(world.replies.map((r) => r.message.attributes[`ce-${HOPS_EXTENSION}`])).toEqual(['3']);
    expect((await handlePush(GOOD_TOKEN, atHops(3), world.deps)).status).toBe(204);
    expect(world.replies).toHaveLength(1);
    expect(world.counts.repliesDropped).toBe(1);
    expect(world.logTouches.at(-1)?.attempt?.error).toMatch(/beyond the limit of 3/);
  });

  test('a queue without replies ignores an event in the answer', async () => {
    const plain = pushQueueDefinition();
    const world = dispatchWorld({ queues: [plain], sink: () => answer(binaryReply, '{}') });
    const envelope = pushEnvelope({ subscription: plain.subscription, attributes: CLOUDEVENT_ATTRIBUTES });
    expect((await handlePush(GOOD_TOKEN, envelope, world.deps)).status).toBe(204);
    expect(world.replies).toHaveLength(0);
    expect(world.posted[0]!.keepBody).toBeUndefined();
  });
});
