// What a sink's HTTP status means for the event, as a table (CONTRACT.md
// "Deliveries to a push queue's sink"): any 2xx takes it; 410 retires the
// queue; everything else, redirects included (never followed), is a failed
// attempt that Pub/Sub retries. 429 and 503 may carry a Retry-After to honour.

export type SinkVerdict =
  | { readonly kind: 'delivered' }
  | { readonly kind: 'gone' }
  | { readonly kind: 'failed'; readonly honoursRetryAfter: boolean };

const DELIVERED: SinkVerdict = { kind: 'delivered' };
const GONE: SinkVerdict = { kind: 'gone' };
const FAILED: SinkVerdict = { kind: 'failed', honoursRetryAfter: false };
const FAILED_WAIT: SinkVerdict = { kind: 'failed', honoursRetryAfter: true };

/** Checked in order; the first range that holds the status decides. */
const VERDICTS: readonly (readonly [from: number, to: number, verdict: SinkVerdict])[] = [
  [200, 299, DELIVERED],
  [410, 410, GONE],
  [429, 429, FAILED_WAIT],
  [503, 503, FAILED_WAIT],
];

export function interpretSinkAnswer(status: number): SinkVerdict {
  for (const [from, to, verdict] of VERDICTS) if (status >= from && status <= to) return verdict;
  return FAILED;
}
