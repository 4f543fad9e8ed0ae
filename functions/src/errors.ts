// One error hierarchy for eventq: every error has a stable string `code`, the
// HTTP status it maps to, and a `detail` that is safe to show to the caller.

export class EventqError extends Error {
  readonly code: string = 'ERR_EVENTQ';
  readonly status: number = 500;

  constructor(
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(detail, options);
    this.name = new.target.name;
  }

  toJSON(): { code: string; detail: string } {
    return { code: this.code, detail: this.detail };
  }
}

/** A CloudEvent that is malformed or breaks the CloudEvents 1.0 rules; it can never be delivered. */
export class InvalidCloudEventError extends EventqError {
  override readonly code = 'ERR_INVALID_CLOUDEVENT';
  override readonly status = 400;
}

/** A request body or parameter that the API refuses. */
export class ValidationError extends EventqError {
  override readonly code = 'ERR_VALIDATION';
  override readonly status = 422;
}

export class MalformedRequestError extends EventqError {
  override readonly code = 'ERR_MALFORMED_REQUEST';
  override readonly status = 400;
}

export class UnsupportedMediaTypeError extends EventqError {
  override readonly code = 'ERR_UNSUPPORTED_MEDIA_TYPE';
  override readonly status = 415;
}

export class PayloadTooLargeError extends EventqError {
  override readonly code = 'ERR_PAYLOAD_TOO_LARGE';
  override readonly status = 413;
}

/** Missing or wrong credentials. The detail never says which check failed. */
export class UnauthenticatedError extends EventqError {
  override readonly code = 'ERR_UNAUTHENTICATED';
  override readonly status = 401;
}

/** A push token dispatch refused; `reason` is logged, never sent to the caller. */
export class PushTokenRejected extends UnauthenticatedError {
  constructor(readonly reason: string) {
    super('the push token is missing or invalid');
  }
}

/** Valid credentials that may not do this (a read-only console session asking to change something). */
export class ForbiddenError extends EventqError {
  override readonly code = 'ERR_FORBIDDEN';
  override readonly status = 403;
}

export class NotFoundError extends EventqError {
  override readonly code = 'ERR_NOT_FOUND';
  override readonly status = 404;
}

export class MethodNotAllowedError extends EventqError {
  override readonly code = 'ERR_METHOD_NOT_ALLOWED';
  override readonly status = 405;
}

export class ConflictError extends EventqError {
  override readonly code = 'ERR_CONFLICT';
  override readonly status = 409;
}

/** A per-tenant limit (queues, sizes) that the request would pass. */
export class LimitExceededError extends EventqError {
  override readonly code = 'ERR_LIMIT_EXCEEDED';
  override readonly status = 422;
}

/** A sink that eventq refuses to deliver to (scheme, address, handshake). */
export class SinkRefusedError extends EventqError {
  override readonly code = 'ERR_SINK_REFUSED';
  override readonly status = 422;
}

/**
 * A dependency (Firestore, Pub/Sub admin) failed, or did not answer within its
 * deadline, in a way that a retry may cure. Every adapter's failure becomes
 * this one error, so every route answers it the same way.
 */
export class UnavailableError extends EventqError {
  override readonly code = 'ERR_UNAVAILABLE';
  override readonly status = 503;
}

/** The sink did not take a delivery (no answer, or not 2xx); Pub/Sub will push it again. */
export class DeliveryFailedError extends EventqError {
  override readonly code = 'ERR_DELIVERY_FAILED';
  override readonly status = 503;
}

/** A bug, or something no other error names; the detail never carries the raw message. */
export class InternalError extends EventqError {
  override readonly code = 'ERR_INTERNAL';
  override readonly status = 500;
}

/** A caller over its request rate; `retryAfterSeconds` goes in the Retry-After header. */
export class RateLimitedError extends EventqError {
  override readonly code = 'ERR_RATE_LIMITED';
  override readonly status = 429;

  constructor(readonly retryAfterSeconds: number) {
    super(`too many requests with this token; retry after ${retryAfterSeconds} s`);
  }
}

/** A parameter that is not what it claims to be (e.g. a forged page token). */
export class InvalidArgumentError extends EventqError {
  override readonly code = 'ERR_INVALID_ARGUMENT';
  override readonly status = 400;
}

/** Configuration that stops start-up; the detail names the variable. */
export class ConfigError extends EventqError {
  override readonly code = 'ERR_CONFIG';
  override readonly status = 500;
}
