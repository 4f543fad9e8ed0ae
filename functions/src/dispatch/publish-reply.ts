// A delivered event's reply (queues with "replies": true; reply-of.ts judges
// the answer), published to the tenant's topic before the delivery is acked,
// so that a reply is never lost: if it cannot be published, the push is
// answered 503 and delivered again (the sink sees a duplicate, with the same
// webhook-id). A refused or dropped reply is recorded and counted, and the
// delivery still counts as delivered: it is never retried for it.
import { encodePubsubBinary } from '../cloudevents/encode-pubsub-binary';
import type { SinkResponse } from '../delivery/post-to-sink';
import { DeliveryFailedError } from '../errors';
import { withOutcome } from './delivery-log';
import type { DispatchDeps } from './dispatch-deps';
import { ACK, PushAnswer } from './push-answer';
import type { AdmittedPush } from './push-context';
import { replyOf } from './reply-of';

/** What the reply did, for the delivery's log entry: undefined when all went well or there was none. */
export type ReplyNote = string | undefined;

export function takesReplies(push: AdmittedPush): boolean {
  return push.queue.replies === true;
}

export async function publishReply(
  push: AdmittedPush,
  response: SinkResponse,
  deps: DispatchDeps,
): Promise<{ answer: PushAnswer; note: ReplyNote }> {
  const { queue, fields } = push;
  const verdict = replyOf(response, push.event, deps.policy.replyMaxHops);
  if (verdict.kind === 'none') return { answer: ACK, note: undefined };
  if (verdict.kind !== 'reply') {
    const counter = verdict.kind === 'refused' ? 'repliesRefused' : 'repliesDropped';
    deps.count(queue.tenant, queue.name, counter);
    deps.log('WARNING', `reply ${verdict.kind}: ${verdict.reason}`, withOutcome(fields, 'delivered'));
    return { answer: ACK, note: `reply ${verdict.kind}: ${verdict.reason}` };
  }
  try {
    await deps.publishReply(queue.tenant, encodePubsubBinary(verdict.event));
  } catch (error) {
    deps.log('ERROR', 'could not publish a reply; Pub/Sub will deliver the event again', {
      ...withOutcome(fields, 'failed'),
      error: String(error),
    });
    return {
      answer: PushAnswer.of(new DeliveryFailedError('the reply could not be published; delivering again')),
      note: 'reply not published (the event is delivered again)',
    };
  }
  deps.count(queue.tenant, queue.name, 'repliesPublished');
  deps.log(
    'INFO',
    `reply published: ${String(verdict.event.attributes.type)}`,
    withOutcome(fields, 'delivered'),
  );
  return { answer: ACK, note: undefined };
}
