// The exchange with the sink: the signed CloudEvents request, posted with a
// callback so that a delivery makes one promise, not one per layer.
import { buildDeliveryRequest } from '../delivery/build-delivery-request';
import type { SinkRequest } from '../delivery/post-to-sink';
import { queueKey } from '../tenancy/queue-key';
import type { PushStep } from './dispatch-deps';
import type { AdmittedPush, SinkAttempt } from './push-context';

export const postDelivery: PushStep<AdmittedPush, SinkAttempt> = (push, deps) => {
  const started = performance.now();
  const failed = (error: unknown): SinkAttempt => ({
    push,
    error,
    latencyMs: Math.round(performance.now() - started),
  });
  let request: SinkRequest;
  try {
    request = buildDeliveryRequest({
      queue: push.queue,
      event: push.event,
      webhookId: push.webhookId,
      bearerToken: deps.tokens.tokenFor(push.queue.sink!, queueKey(push.queue.tenant, push.queue.name)),
      origin: deps.origin,
      nowMs: deps.now(),
    });
  } catch (error) {
    return failed(error);
  }
  return new Promise<SinkAttempt>((resolve) => {
    try {
      deps.post(request, (error, response) =>
        resolve(error ? failed(error) : { push, response, latencyMs: Math.round(response!.latencyMs) }),
      );
    } catch (error) {
      resolve(failed(error));
    }
  });
};
