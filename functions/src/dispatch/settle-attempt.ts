// The last step of a push: what the sink's answer (or its silence) means, as
// interpret-sink-answer.ts decides it, and what dispatch does about it.
import { EventqError } from '../errors';
import { whenReady } from '../eventually';
import { withOutcome } from './delivery-log';
import type { PushStep } from './dispatch-deps';
import { handleFailedAttempt } from './handle-failed-attempt';
import { interpretSinkAnswer } from './interpret-sink-answer';
import { logDelivered } from './log-outcome';
import { publishReply, takesReplies } from './publish-reply';
import { ACK } from './push-answer';
import type { SinkAttempt } from './push-context';

const messageOf = (error: unknown): string =>
  error instanceof EventqError ? error.detail : error instanceof Error ? error.message : String(error);

export const settleAttempt: PushStep<SinkAttempt, never> = (attempt, deps) => {
  const { push, response, latencyMs } = attempt;
  const { fields, queue } = push;
  if (response === undefined) {
    const detail = messageOf(attempt.error);
    deps.log('WARNING', 'delivery failed', withOutcome(fields, 'failed', undefined, undefined, detail));
    return handleFailedAttempt({ push, failure: { status: null, detail, latencyMs } }, deps);
  }
  const verdict = interpretSinkAnswer(response.status);
  if (verdict.kind === 'delivered') {
    deps.log('INFO', 'delivered', withOutcome(fields, 'delivered', response.status, latencyMs));
    deps.count(queue.tenant, queue.name, 'delivered');
    if (takesReplies(push)) {
      return publishReply(push, response, deps).then(({ answer, note }) => {
        logDelivered(
          push,
          { status: response.status, latencyMs, note, bodyExcerpt: response.bodyExcerpt },
          deps,
        );
        return whenReady(
          () => deps.queues.afterDelivery(queue),
          () => answer,
          () => answer,
        );
      });
    }
    logDelivered(push, { status: response.status, latencyMs, bodyExcerpt: response.bodyExcerpt }, deps);
    return whenReady(
      () => deps.queues.afterDelivery(queue),
      () => ACK,
      () => ACK,
    );
  }
  const failure = {
    status: response.status,
    detail: `sink answered ${response.status}`,
    bodyExcerpt: response.bodyExcerpt,
    retryAfter:
      verdict.kind === 'failed' && verdict.honoursRetryAfter ? response.headers['retry-after'] : undefined,
    latencyMs,
  };
  if (verdict.kind === 'gone') {
    const reason = `sink answered 410 Gone at ${new Date(deps.now()).toISOString()}`;
    deps.log('WARNING', 'sink is gone; queue retired', withOutcome(fields, 'sink-gone', 410));
    return deps.queues.retire(queue, reason, 410).then(
      () => handleFailedAttempt({ push, failure }, deps),
      (error: unknown) => {
        deps.log(
          'ERROR',
          'could not retire the queue',
          withOutcome(fields, undefined, 410, undefined, String(error)),
        );
        return handleFailedAttempt({ push, failure }, deps);
      },
    );
  }
  deps.log('WARNING', 'delivery failed', withOutcome(fields, 'failed', response.status, latencyMs));
  return handleFailedAttempt({ push, failure }, deps);
};
