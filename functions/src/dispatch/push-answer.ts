// dispatch's answer to a push is the ack: 204 when the sink took the event (or
// it can never be delivered and has been kept elsewhere); anything a retry may
// cure is 503, so Pub/Sub pushes it again with backoff.
import type { EventqError } from '../errors';

export class PushAnswer {
  constructor(
    readonly status: number,
    readonly body?: { readonly code: string; readonly detail: string },
  ) {}

  /** The error's status and `{code, detail}`; retryable errors (DeliveryFailedError, UnavailableError) are 503. */
  static of(error: EventqError): PushAnswer {
    return new PushAnswer(error.status, error.toJSON());
  }
}

export const ACK = new PushAnswer(204);
