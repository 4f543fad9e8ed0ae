// An entry of the event-type catalog: a CloudEvents type, what it means, and
// the JSON Schema its data follows.

export interface EventType {
  readonly type: string;
  readonly description: string;
  readonly schema: Readonly<Record<string, unknown>>;
  /** `operational` for eventq's own events (operational-event-types.ts); absent for the platform's. */
  readonly category?: string;
}
