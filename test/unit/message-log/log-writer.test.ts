import { LOG_STATE } from '../../../functions/src/message-log/log-entry';
import type { LogTouch, PendingEntry } from '../../../functions/src/message-log/log-touch';
import { type LogWriterOptions, MessageLogWriter } from '../../../functions/src/message-log/log-writer';
import { FirestoreRestError } from '../../../functions/src/store/firestore-rest-reader';

const event = (id: string, data?: Buffer) => ({
  attributes: { specversion: '1.0', id, source: '/test', type: 'com.example.created' },
  data,
});

const touch = (id: string, overrides: Partial<LogTouch> = {}): LogTouch => ({
  tenant: 'acme',
  queue: 'orders',
  webhookId: `msg_${id}`,
  state: LOG_STATE.delivered,
  event: event(id),
  publishTimeMs: 1_000,
  ...overrides,
});

/** A writer whose commits are recorded (the entries of each, decoded back from the fake encoding). */
function setup(options: Partial<LogWriterOptions> & { fail?: () => Error | undefined } = {}) {
  let now = 0;
  const commits: PendingEntry[][] = [];
  const sizes: number[] = [];
  const errors: unknown[] = [];
  const dropped: { entries: number; why: string }[] = [];
  const encoded = new Map<string, PendingEntry>();
  const writer = new MessageLogWriter({
    intervalMs: 1_000,
    // Each write is a key into `encoded`, padded so that byte limits can be tested.
    encode: (entry) => {
      const key = `${entry.webhookId}#${encoded.size}`;
      encoded.set(key, { ...entry, attempts: [...entry.attempts] });
      return JSON.stringify({ key, pad: 'x'.repeat(entry.event.data?.length ?? 0) });
    },
    commit: async (body) => {
      const failure = options.fail?.();
      if (failure) throw failure;
      sizes.push(Buffer.byteLength(body));
      const writes = (JSON.parse(body) as { writes: { key: string }[] }).writes;
      commits.push(writes.map((w) => encoded.get(w.key)!));
    },
    onError: (e) => errors.push(e),
    onDropped: (entries, why) => dropped.push({ entries, why }),
    now: () => now,
    ...options,
  });
  return { writer, commits, sizes, errors, dropped, advance: (ms: number) => (now += ms) };
}

describe('MessageLogWriter', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('commits at most once an interval, when the timer fires, never while recording', async () => {
    const { writer, commits } = setup();
    writer.record(touch('a'));
    writer.record(touch('b'));
    expect(commits).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(999);
    expect(commits).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(commits.map((c) => c.map((e) => e.webhookId))).toEqual([['msg_a', 'msg_b']]);
  });

  it('coalesces the touches of one entry within a flush into one write', async () => {
    const { writer, commits } = setup();
    const attempt = (n: number, status: number) => ({ atMs: n, attempt: n, status, latencyMs: 5 });
    writer.record(touch('a', { state: LOG_STATE.failing, attempt: attempt(1, 500), publishTimeMs: 2_000 }));
    writer.record(touch('a', { state: LOG_STATE.failing, attempt: attempt(2, 500), publishTimeMs: 1_500 }));
    writer.record(touch('a', { state: LOG_STATE.delivered, attempt: attempt(3, 204), deliveredAtMs: 9 }));
    await writer.flush();
    expect(commits).toHaveLength(1);
    expect(commits[0]).toHaveLength(1);
    const [entry] = commits[0]!;
    expect(entry!.state).toBe(LOG_STATE.delivered);
    expect(entry!.publishTimeMs).toBe(1_000);
    expect(entry!.deliveredAtMs).toBe(9);
    expect(entry!.attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 204],
    ]);
  });

  it('flushes at once when a batch reaches 500 entries, and commits at most 500 writes each', async () => {
    const { writer, commits } = setup();
    for (let i = 0; i < 499; i++) writer.record(touch(`e${i}`));
    await Promise.resolve();
    expect(commits).toHaveLength(0);
    writer.record(touch('e499'));
    await jest.advanceTimersByTimeAsync(0);
    expect(commits.map((c) => c.length)).toEqual([500]);

    for (let i = 0; i < 1_200; i++) writer.record(touch(`f${i}`));
    await writer.flush();
    expect(commits.every((c) => c.length <= 500)).toBe(true);
    expect(commits.reduce((n, c) => n + c.length, 0)).toBe(1_700);
  });

  it('keeps every commit under the byte bound, and flushes early when the batch is that big', async () => {
    const maxCommitBytes = 64 * 1024;
    const { writer, commits, sizes } = setup({ maxCommitBytes });
    const big = Buffer.alloc(20 * 1024, 1);
    writer.record(touch('a', { event: event('a', big) }));
    await Promise.resolve();
    expect(commits).toHaveLength(0);
    // Estimated at 3 bytes per byte of data (no encoding on the push path): two fill the batch.
    writer.record(touch('b', { event: event('b', big) }));
    await jest.advanceTimersByTimeAsync(0);
    expect(commits.map((c) => c.length)).toEqual([2]);
    for (let i = 0; i < 10; i++) writer.record(touch(`c${i}`, { event: event(`c${i}`, big) }));
    await writer.flush();
    await writer.flush();
    expect(commits.reduce((n, c) => n + c.length, 0)).toBe(12);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(maxCommitBytes);
    expect(commits.length).toBeGreaterThanOrEqual(5);
  });

  it('puts a failed flush back, in front of newer touches, and writes it with them next time', async () => {
    let down = true;
    const { writer, commits, errors } = setup({
      fail: () => (down ? new FirestoreRestError('Firestore commit answered 503', 503) : undefined),
    });
    writer.record(
      touch('a', { state: LOG_STATE.failing, attempt: { atMs: 1, attempt: 1, status: 500, latencyMs: 1 } }),
    );
    await writer.flush();
    expect(errors).toHaveLength(1);
    expect(writer.size).toBe(1);
    writer.record(touch('b'));
    writer.record(
      touch('a', { state: LOG_STATE.delivered, attempt: { atMs: 2, attempt: 2, status: 200, latencyMs: 1 } }),
    );
    down = false;
    await writer.flush();
    expect(commits).toHaveLength(1);
    expect(commits[0]!.map((e) => e.webhookId)).toEqual(['msg_a', 'msg_b']);
    expect(commits[0]![0]!.attempts.map((a) => a.attempt)).toEqual([1, 2]);
    expect(commits[0]![0]!.state).toBe(LOG_STATE.delivered);
    expect(writer.size).toBe(0);
  });

  it('bounds memory while Firestore is down: the oldest entries beyond the cap are dropped, counted and reported', async () => {
    const { writer, dropped } = setup({
      maxPendingEntries: 100,
      fail: () => new FirestoreRestError('Firestore commit answered 503', 503),
    });
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 60; i++) writer.record(touch(`r${round}-${i}`));
      await writer.flush();
    }
    expect(writer.size).toBe(100);
    expect(writer.dropped).toBe(200);
    expect(dropped.reduce((n, d) => n + d.entries, 0)).toBe(200);
    expect(dropped[0]!.why).toMatch(/cap/);
    // Reported once per flush, not once per touch.
    expect(dropped.length).toBeLessThanOrEqual(5);
  });

  it('drops a commit Firestore refuses for good (400) instead of retrying it forever', async () => {
    const { writer, dropped } = setup({
      fail: () => new FirestoreRestError('Firestore commit answered 400: INVALID_ARGUMENT', 400),
    });
    writer.record(touch('a'));
    await writer.flush();
    expect(writer.size).toBe(0);
    expect(dropped).toEqual([{ entries: 1, why: 'refused by Firestore' }]);
  });

  it('writes everything pending when asked (SIGTERM), before the interval has passed', async () => {
    const { writer, commits } = setup();
    writer.record(touch('a'));
    const flushed = writer.flush();
    expect(writer.size).toBe(0);
    await flushed;
    expect(commits).toHaveLength(1);
  });

  it('runs one flush at a time: a flush asked during another waits for it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const bodies: string[] = [];
    const { writer } = setup({
      commit: async (body) => {
        bodies.push(body);
        await gate;
      },
    });
    writer.record(touch('a'));
    const first = writer.flush();
    writer.record(touch('b'));
    expect(writer.flush()).toBe(first);
    release();
    await first;
    await writer.flush();
    expect(bodies).toHaveLength(2);
  });
});
