// The `Retry-After` header of a sink's 429 or 503 (RFC 9110 §10.2.3): either
// delay-seconds or an HTTP date. Pub/Sub's backoff is set per subscription, so
// dispatch honours a longer wait by answering 503 without calling the sink
// until it has passed (delivery-holds.ts).

/** The longest wait honoured; a sink asking for more gets this. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/** Milliseconds to wait from `nowMs`, or undefined when the header is absent, unreadable or in the past. */
export function parseRetryAfter(header: string | string[] | undefined, nowMs: number): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  let waitMs: number;
  if (/^\d+$/.test(value)) waitMs = Number(value) * 1000;
  else {
    const at = Date.parse(value);
    // An HTTP date names its weekday; anything Date.parse takes without one is not an HTTP date.
    if (Number.isNaN(at) || !/^[A-Za-z]{3},/.test(value)) return undefined;
    waitMs = at - nowMs;
  }
  if (waitMs <= 0) return undefined;
  return Math.min(waitMs, MAX_RETRY_AFTER_MS);
}
