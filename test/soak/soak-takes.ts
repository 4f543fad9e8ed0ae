// What the soak's receivers took, in the order they took it: a sink that
// answered 2xx (or processed the event and answered too late: a timeout), or
// the pull consumer printing the event. Retries the sink refused are not takes.

export interface Take {
  /** tenant/queue */
  readonly queue: string;
  readonly eventId: string;
  /** Date.now() when the receiver had the whole event. */
  readonly at: number;
  /** The sink processed it but answered after dispatch's delivery timeout: dispatch will try again. */
  readonly late: boolean;
}

export class TakeLog {
  readonly takes: Take[] = [];
  private readonly pairs = new Set<string>();

  record(take: Take): void {
    this.takes.push(take);
    this.pairs.add(`${take.queue}\n${take.eventId}`);
  }

  /** Distinct (queue, event) pairs taken at least once. */
  get distinct(): number {
    return this.pairs.size;
  }

  has(queue: string, eventId: string): boolean {
    return this.pairs.has(`${queue}\n${eventId}`);
  }
}
