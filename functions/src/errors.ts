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

/** A dependency (Firestore, Pub/Sub, a sink) failed in a way that a retry may cure. */
export class UnavailableError extends EventqError {
  override readonly code = 'ERR_UNAVAILABLE';
  override readonly status = 503;
}

/** Configuration that stops start-up; the detail names the variable. */
export class ConfigError extends EventqError {
  override readonly code = 'ERR_CONFIG';
  override readonly status = 500;
}

export function isEventqError(error: unknown): error is EventqError {
  return error instanceof EventqError;
}
