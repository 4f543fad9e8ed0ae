// The first steps of a push: is it from Pub/Sub (the token), is it a push
// envelope from a subscription of eventq's, and which active queue is it for.
import {
  DeliveryFailedError,
  EventqError,
  NotFoundError,
  PushTokenRejected,
  UnauthenticatedError,
  UnavailableError,
} from '../errors';
import { whenReady } from '../eventually';
import type { QueueDefinition } from '../queues/queue-definition';
import { parseQueueSubscription } from '../tenancy/resource-names';
import type { DispatchDeps, PushStep } from './dispatch-deps';
import { PushAnswer } from './push-answer';
import type { AddressedPush, PushRequest, QueuedPush } from './push-context';
import { parsePushEnvelope } from './push-envelope';

const UNAUTHENTICATED = PushAnswer.of(new UnauthenticatedError('the push token is missing or invalid'));

/** 401 without saying why; the reason goes to the log. */
function refused(error: unknown, deps: DispatchDeps): PushAnswer {
  const reason = error instanceof PushTokenRejected ? error.reason : `could not verify: ${String(error)}`;
  deps.log('WARNING', `push token refused: ${reason}`, { outcome: 'unauthenticated' });
  return UNAUTHENTICATED;
}

export const verifyPushToken: PushStep<PushRequest, unknown> = (push, deps) =>
  whenReady(
    () => deps.verifyToken(push.authorization),
    () => push.body,
    (error) => refused(error, deps),
  );

export const readEnvelope: PushStep<unknown, AddressedPush> = (body, deps) => {
  let envelope: ReturnType<typeof parsePushEnvelope>;
  try {
    envelope = parsePushEnvelope(body);
  } catch (error) {
    const e = error as EventqError;
    deps.log('WARNING', `malformed push: ${e.detail}`, { outcome: 'malformed' });
    return PushAnswer.of(e);
  }
  const names = parseQueueSubscription(envelope.subscription);
  if (!names) {
    deps.log('ERROR', `push from a subscription eventq did not create: ${envelope.subscription}`);
    return PushAnswer.of(new NotFoundError('unknown subscription'));
  }
  return { envelope, tenant: names.tenant, queueName: names.queue };
};

export const loadActiveQueue: PushStep<AddressedPush, QueuedPush> = (push, deps) => {
  const names = { tenant: push.tenant, queue: push.queueName };
  return whenReady(
    () => deps.queues.load(push.tenant, push.queueName),
    (queue) => activeQueue(queue, push, deps),
    (error) => {
      deps.log('ERROR', 'queue definition unavailable', { ...names, error: String(error) });
      return PushAnswer.of(
        error instanceof EventqError ? error : new UnavailableError('queue store unavailable'),
      );
    },
  );
};

function activeQueue(
  queue: QueueDefinition | undefined,
  push: AddressedPush,
  deps: DispatchDeps,
): QueuedPush | PushAnswer {
  // No definition: the queue is being deleted (the definition goes first, then the
  // subscription, whose messages go with it), or the store lost it. Either way it is
  // not delivered, and not acked either: an event is never dropped on a missing record.
  if (!queue) {
    deps.log('WARNING', 'push for a queue with no definition; not delivered, Pub/Sub will retry', {
      tenant: push.tenant,
      queue: push.queueName,
      outcome: 'queue-gone',
    });
    return PushAnswer.of(new DeliveryFailedError('the queue has no definition (deleted, or not readable)'));
  }
  if (queue.status !== 'active') return PushAnswer.of(new DeliveryFailedError(`queue is ${queue.status}`));
  return { envelope: push.envelope, queue };
}
