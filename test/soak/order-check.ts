// Order on the ordered queue: per ordering key (the subject), the events must
// first reach the sink in publish order. A take again of an earlier event
// (a retry, Pub/Sub's redelivery of a key's tail) is a duplicate, not a
// violation; an event first taken after a later one of its key is.

export interface FirstTake {
  readonly eventId: string;
  readonly key: string;
  readonly seq: number;
  readonly at: number;
}

export interface OrderViolation {
  readonly key: string;
  readonly eventId: string;
  readonly seq: number;
  /** The highest sequence number of the key already taken when this one arrived. */
  readonly after: number;
}

export function orderViolations(firstTakes: readonly FirstTake[]): OrderViolation[] {
  const byTime = [...firstTakes].sort((a, b) => a.at - b.at || a.seq - b.seq);
  const highest = new Map<string, number>();
  const violations: OrderViolation[] = [];
  for (const take of byTime) {
    const before = highest.get(take.key) ?? -1;
    if (take.seq < before)
      violations.push({ key: take.key, eventId: take.eventId, seq: take.seq, after: before });
    else highest.set(take.key, take.seq);
  }
  return violations;
}
