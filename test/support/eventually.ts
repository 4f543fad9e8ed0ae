// The one way tests wait: poll what a user would look at until it holds, with
// a deadline and a message that says what was awaited and what was last seen.
// Never a bare sleep for something that can be observed.

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface EventuallyOptions {
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  /** What is awaited, for the failure message. */
  readonly what?: string;
}

/** Reads until `done` holds over the value (a read that throws counts as not yet); resolves to that value. */
export async function eventually<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean = Boolean,
  options: EventuallyOptions = {},
): Promise<T> {
  const { timeoutMs = 30_000, intervalMs = 100, what = 'a condition' } = options;
  const deadline = Date.now() + timeoutMs;
  let last: { value?: T; error?: unknown } = {};
  for (;;) {
    try {
      const value = await read();
      if (done(value)) return value;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() >= deadline) {
      const seen = 'error' in last ? `error ${String(last.error)}` : JSON.stringify(last.value);
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${seen}`);
    }
    await sleep(intervalMs);
  }
}
