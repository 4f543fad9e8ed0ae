// The CloudEvents web-hook validation handshake (abuse protection): before
// eventq sends events to a sink, the sink must answer an OPTIONS request that
// carries WebHook-Request-Origin with WebHook-Allowed-Origin equal to that
// origin or "*". A granted WebHook-Allowed-Rate is kept for delivery.

import type { SinkPoster } from '../../delivery/post-to-sink';
import { SinkRefusedError } from '../../errors';

export interface HandshakeGrant {
  /** Requests per minute the sink allows, when it said so. */
  readonly allowedRate?: number;
}

export async function validationHandshake(
  sink: string,
  origin: string,
  post: SinkPoster,
): Promise<HandshakeGrant> {
  let response: Awaited<ReturnType<SinkPoster>>;
  try {
    response = await post({
      url: sink,
      method: 'OPTIONS',
      headers: { 'webhook-request-origin': origin, 'webhook-request-rate': '120' },
    });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new SinkRefusedError(`sink: the validation handshake (OPTIONS) got no answer: ${why}`);
  }
  const allowed = response.headers['webhook-allowed-origin'];
  if (response.status < 200 || response.status >= 300 || (allowed !== origin && allowed !== '*')) {
    throw new SinkRefusedError(
      `sink: the validation handshake was refused: OPTIONS answered ${response.status}` +
        ` with WebHook-Allowed-Origin ${allowed === undefined ? 'absent' : `"${String(allowed)}"`}` +
        ` (expected "${origin}" or "*")`,
    );
  }
  const rate = Number(response.headers['webhook-allowed-rate']);
  return Number.isFinite(rate) && rate > 0 ? { allowedRate: rate } : {};
}
