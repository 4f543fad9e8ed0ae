// The body checks every request with a body goes through, before its route's
// own schema: size, media type, then JSON.
import type { Request } from '@google-cloud/functions-framework';
import { MalformedRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors';
import { MALFORMED_BODY, OVERSIZED_BODY } from './tolerate-malformed-json';

export const MAX_BODY_BYTES = 64 * 1024;

export function checkBody(req: Request): void {
  if (req.method !== 'POST' && req.method !== 'PATCH' && req.method !== 'PUT') return;
  const length = req.rawBody?.length ?? 0;
  if (length > MAX_BODY_BYTES || (req as unknown as Record<PropertyKey, unknown>)[OVERSIZED_BODY])
    throw new PayloadTooLargeError(`the body is larger than ${MAX_BODY_BYTES} bytes`);
  if (length > 0 && !req.is('application/json')) {
    throw new UnsupportedMediaTypeError('the body must be JSON (Content-Type: application/json)');
  }
  if ((req as unknown as Record<PropertyKey, unknown>)[MALFORMED_BODY]) {
    throw new MalformedRequestError('the body is not valid JSON');
  }
}
