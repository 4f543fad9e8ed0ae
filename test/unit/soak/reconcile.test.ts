// The soak's reconciliation, on made-up runs: what it calls lost, unexpected,
// expected either way, a duplicate and its cause, and an order violation.
import { expectationOf, type PublishedEvent } from '../../soak/expectation';
import { emptyHistory, type QueueHistory, SOAK_MARGINS } from '../../soak/queue-history';
import { type ReconcileInput, reconcile } from '../../soak/reconcile';
import type { SoakQueueSpec } from '../../soak/soak-plan';
import type { Take } from '../../soak/soak-takes';

const T0 = 1_800_000_000_000;
const all: SoakQueueSpec = { tenant: 'soak-a', name: 'all', kind: 'push', takes: () => true, faults: [] };
const firstSeen: SoakQueueSpec = {
  tenant: 'soak-a',
  name: 'first',
  kind: 'push',
  takes: (e) => e.type === 'DEVICE_FIRST_SEEN',
  faults: [],
};

function event(id: string, atMs: number, extra: Partial<PublishedEvent> = {}): PublishedEvent {
  return {
    id,
    tenant: 'soak-a',
    type: 'DEVICE_FIRST_SEEN',
    source: '/soak/devices',
    subject: 'device-1',
    publishedAt: T0 + atMs,
    ...extra,
  };
}

const take = (queue: string, eventId: string, atMs: number, late = false): Take => ({
  queue,
  eventId,
  at: T0 + atMs,
  late,
});

function run(overrides: Partial<ReconcileInput>): ReturnType<typeof reconcile> {
  return reconcile({
    published: [],
    queues: [all],
    history: new Map(),
    takes: [],
    deadLetters: [],
    dispatchKills: [],
    margins: SOAK_MARGINS,
    ...overrides,
  });
}

test('an expected delivery that never arrived is lost, with its id; one that was dead-lettered is listed instead', () => {
  const result = run({
    published: [event('e1', 0), event('e2', 10), event('e3', 20)],
    takes: [take('soak-a/all', 'e1', 50)],
    deadLetters: [{ queue: 'soak-a/all', eventId: 'e3', reason: 'gave up after 25 attempts' }],
  });
  expect(result.expectedDeliveries).toBe(3);
  expect(result.delivered).toBe(1);
  expect(result.lost).toEqual([{ queue: 'soak-a/all', eventId: 'e2' }]);
  expect(result.deadLettered).toEqual([
    { queue: 'soak-a/all', eventId: 'e3', reason: 'gave up after 25 attempts', expectation: 'expected' },
  ]);
});

test("events of another tenant or that the queue's filter excludes are not expected; one that arrives anyway is unexpected", () => {
  const result = run({
    queues: [firstSeen],
    published: [
      event('mine', 0),
      event('other-type', 0, { type: 'DEVICE_OTA_STARTED' }),
      event('other-tenant', 0, { tenant: 'soak-b' }),
    ],
    takes: [take('soak-a/first', 'mine', 30), take('soak-a/first', 'other-type', 30)],
  });
  expect(result.expectedDeliveries).toBe(1);
  expect(result.lost).toEqual([]);
  expect(result.unexpected).toEqual([{ queue: 'soak-a/first', eventId: 'other-type' }]);
});

describe('around a change of filters (old: DEVICE_FIRST_SEEN only, new: everything but it)', () => {
  const changeAt = 100_000;
  const history = (): QueueHistory => ({
    ...emptyHistory(),
    filterChanges: [
      {
        from: T0 + changeAt,
        to: T0 + changeAt + 500,
        filters: [],
        takes: (e) => e.type !== 'DEVICE_FIRST_SEEN',
      },
    ],
  });
  const ota = { type: 'DEVICE_OTA_STARTED' };
  test.each<[string, PublishedEvent, Take[], 'expected' | 'either' | 'not']>([
    ['old filter, published long before', event('a', changeAt - 60_000), [], 'expected'],
    [
      'old filter, published shortly before, taken before the change',
      event('b', changeAt - 5_000),
      [take('soak-a/first', 'b', changeAt - 4_900)],
      'expected',
    ],
    [
      'old filter, published shortly before, not taken before the change',
      event('c', changeAt - 5_000),
      [],
      'either',
    ],
    ['either filter, published during the change', event('d', changeAt + 200, ota), [], 'either'],
    ['new filter, published after the cache TTL', event('e', changeAt + 5_000, ota), [], 'expected'],
    ['old filter only, published after the cache TTL', event('f', changeAt + 5_000), [], 'not'],
    ['new filter only, published long before', event('g', changeAt - 60_000, ota), [], 'not'],
  ])('%s: %s', (_what, published, takes, expectation) => {
    // The queue had taken events published up to a second before the change.
    const progress = () => T0 + changeAt - 1_000;
    const first = takes[0]?.at;
    expect(expectationOf(published, firstSeen, history(), first, progress, SOAK_MARGINS)).toBe(expectation);
  });

  test('behind a backlog, an event the old filter takes is not decided before the queue got to it', () => {
    const backlogged = () => T0 + changeAt - 50_000;
    const published = event('h', changeAt - 60_000);
    expect(expectationOf(published, firstSeen, history(), undefined, backlogged, SOAK_MARGINS)).toBe(
      'either',
    );
    expect(
      expectationOf(event('i', changeAt - 90_000), firstSeen, history(), undefined, backlogged, SOAK_MARGINS),
    ).toBe('expected');
  });
});

test('a queue created mid-stream expects what was published after its creation; a deleted one nothing after its deletion', () => {
  const created: QueueHistory = { ...emptyHistory(), created: { from: T0 + 50_000, to: T0 + 51_000 } };
  const deleted: QueueHistory = { ...emptyHistory(), deleted: { from: T0 + 100_000, to: T0 + 101_000 } };
  const events = [
    event('early', 0),
    event('at-creation', 50_500),
    event('later', 60_000),
    event('last', 95_000),
    event('gone', 110_000),
  ];
  const takes = events.map((e) => take('soak-a/all', e.id, e.publishedAt - T0 + 50));
  const born = run({ published: events, takes, history: new Map([['soak-a/all', created]]) });
  expect([born.expectedDeliveries, born.eitherWay.count, born.unexpected.map((u) => u.eventId)]).toEqual([
    3,
    1,
    ['early'],
  ]);
  const dying = run({ published: events, takes, history: new Map([['soak-a/all', deleted]]) });
  expect([dying.expectedDeliveries, dying.eitherWay.count, dying.unexpected.map((u) => u.eventId)]).toEqual([
    3,
    1,
    ['gone'],
  ]);
});

test('duplicates are counted by cause: replay, retry after a late answer, a dispatch killed after the sink took it, other', () => {
  const history: QueueHistory = {
    ...emptyHistory(),
    replays: [{ from: T0 + 90_000, to: T0 + 90_300, since: T0 + 30_000 }],
  };
  const result = run({
    published: [
      event('replayed', 40_000),
      event('slow', 10_000),
      event('cut', 20_000),
      event('twice', 25_000),
    ],
    history: new Map([['soak-a/all', history]]),
    dispatchKills: [T0 + 21_000],
    takes: [
      take('soak-a/all', 'replayed', 40_050),
      take('soak-a/all', 'replayed', 91_000),
      take('soak-a/all', 'slow', 10_050, true),
      take('soak-a/all', 'slow', 14_000),
      take('soak-a/all', 'cut', 20_500),
      take('soak-a/all', 'cut', 25_000),
      take('soak-a/all', 'twice', 25_050),
      take('soak-a/all', 'twice', 26_000),
    ],
  });
  expect(result.duplicates.byCause).toEqual({ replay: 1, retryAfterTimeout: 1, restart: 1, other: 1 });
  expect(result.duplicates.count).toBe(4);
  expect(result.duplicates.rate).toBe(1);
});

test('on the ordered queue an event first taken after a later one of its key is an order violation; a retaken earlier one is not', () => {
  const ordered: SoakQueueSpec = { ...all, name: 'ordered', ordered: true };
  const published = [0, 1, 2, 3].map((seq) => event(`k-${seq}`, seq * 100, { subject: 'line-0', seq }));
  const inOrder = [0, 1, 2, 3].map((seq) => take('soak-a/ordered', `k-${seq}`, 1_000 + seq * 100));
  const again = [...inOrder, take('soak-a/ordered', 'k-1', 2_000)];
  expect(run({ queues: [ordered], published, takes: again }).orderViolations).toEqual([]);

  const swapped = [
    take('soak-a/ordered', 'k-0', 1_000),
    take('soak-a/ordered', 'k-2', 1_100),
    take('soak-a/ordered', 'k-1', 1_200),
    take('soak-a/ordered', 'k-3', 1_300),
  ];
  expect(run({ queues: [ordered], published, takes: swapped }).orderViolations).toEqual([
    { key: 'line-0', eventId: 'k-1', seq: 1, after: 2 },
  ]);
});

test('latency is publish to first take, leaving out the waits a pause asked for', () => {
  const paused: QueueHistory = { ...emptyHistory(), pauses: [{ from: T0 + 10_000, to: T0 + 20_000 }] };
  const result = run({
    published: [event('quick', 0), event('held', 12_000)],
    takes: [take('soak-a/all', 'quick', 40), take('soak-a/all', 'held', 20_100)],
    history: new Map([['soak-a/all', paused]]),
  });
  expect(result.latencyMs).toMatchObject({ p50: 40, p99: 40, samples: 1 });
});
