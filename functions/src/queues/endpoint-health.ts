// Endpoint health: a queue whose sink has failed without a single success for
// EVENTQ_DISABLE_AFTER_SECONDS is disabled (as Svix does after 5 days). The
// start of the current run of failures is kept on the queue definition
// (`failingSince`), written only when the run starts and when it ends.

export type HealthStep =
  | { readonly kind: 'none' }
  | { readonly kind: 'start-failing'; readonly since: string }
  | { readonly kind: 'disable'; readonly reason: string };

export function afterFailure(
  failingSince: string | undefined,
  nowMs: number,
  disableAfterMs: number,
): HealthStep {
  const since = failingSince === undefined ? Number.NaN : Date.parse(failingSince);
  if (Number.isNaN(since)) return { kind: 'start-failing', since: new Date(nowMs).toISOString() };
  if (nowMs - since < disableAfterMs) return { kind: 'none' };
  return {
    kind: 'disable',
    reason: `the sink failed every attempt since ${failingSince} (${Math.round(disableAfterMs / 1000)} s or more)`,
  };
}
