// What dispatch does with one push, top to bottom, independent of HTTP
// plumbing: every collaborator is injected (dispatch-deps.ts), so it is tested
// without I/O. The answer is the ack (push-answer.ts): 204 only when the sink
// took the event, or when it can never be delivered and has been kept
// elsewhere; anything a retry may cure is 503.
import type { Eventually } from '../eventually';
import { decodeEvent } from './decode-event';
import type { DispatchDeps } from './dispatch-deps';
import { postDelivery } from './post-delivery';
import type { PushAnswer } from './push-answer';
import { PushPipeline } from './push-pipeline';
import { loadActiveQueue, readEnvelope, verifyPushToken } from './receive-push';
import { admitDelivery, selectForQueue } from './select-event';
import { settleAttempt } from './settle-attempt';

const pushPipeline = PushPipeline.startWith(verifyPushToken) // the Google-signed push token
  .pipe(readEnvelope) // the push envelope, and the queue its subscription names
  .pipe(loadActiveQueue) // the queue's definition (cached), which must be active
  .pipe(decodeEvent) // the CloudEvent, validated; an invalid one is dead-lettered
  .pipe(selectForQueue) // redrive addressing, then the queue's filters
  .pipe(admitDelivery) // the sink's allowed rate and Retry-After
  .pipe(postDelivery) // sign and POST to the sink
  .pipe(settleAttempt); // delivered, gone (410) or a failed attempt

export function handlePush(
  authorization: string | undefined,
  body: unknown,
  deps: DispatchDeps,
): Eventually<PushAnswer> {
  return pushPipeline.run({ authorization, body }, deps);
}
