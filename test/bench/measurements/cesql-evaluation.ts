// Measurement 8: CloudEvents SQL filters per event, as dispatch evaluates them
// (matchesFilters on a cached queue definition's filters, compiled once),
// against the same predicate written in the Subscriptions API's prefix and
// exact dialects, on the same events. The expression is the typical
// one; half the events match, so both outcomes and AND's short-circuit count.
import type { CloudEvent } from '../../../functions/src/cloudevents/cloudevent';
import type { Filter } from '../../../functions/src/filters/filter';
import { matchesFilters } from '../../../functions/src/filters/matches-filters';
import type { BenchOptions } from '../bench-options';

export const CESQL_EXPRESSION = "type LIKE 'com.example.%' AND subject = '/devices/42'";

const SQL_FILTERS: readonly Filter[] = [{ sql: CESQL_EXPRESSION }];
const NATIVE_FILTERS: readonly Filter[] = [
  { prefix: { type: 'com.example.' } },
  { exact: { subject: '/devices/42' } },
];

function event(i: number, type: string, subject: string): CloudEvent {
  return {
    attributes: {
      specversion: '1.0',
      id: `evt-${i}`,
      source: '/devices',
      type,
      subject,
      time: '2026-11-22T10:00:00.123Z',
      partitionkey: `device-${i}`,
    },
  };
}

const EVENTS: readonly CloudEvent[] = [
  event(1, 'com.example.device.seen', '/devices/42'),
  event(2, 'com.example.config.applied', '/devices/42'),
  event(3, 'com.example.device.seen', '/devices/7'),
  event(4, 'org.other.device.seen', '/devices/42'),
];
const EXPECTED_MATCHES = 2;

/** Events per second through `filters`, for about `ms`. */
function rate(filters: readonly Filter[], ms: number): number {
  let calls = 0;
  let matched = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < 4000; i++) if (matchesFilters(EVENTS[i & 3]!, filters)) matched++;
    calls += 4000;
    elapsed = performance.now() - started;
  } while (elapsed < ms);
  if (matched * EVENTS.length !== calls * EXPECTED_MATCHES) throw new Error('the filters judged wrongly');
  return (calls / elapsed) * 1000;
}

export interface CesqlResult {
  readonly expression: string;
  readonly eventsPerSecond: number;
  readonly nativeDialectsEventsPerSecond: number;
  /** CESQL's rate ÷ the prefix and exact dialects' rate. */
  readonly ratioToNativeDialects: number;
  readonly microsPerEvent: number;
}

export function measureCesql(options: BenchOptions): CesqlResult {
  let sql = 0;
  let native = 0;
  // Alternating rounds, best of each: JIT warm-up and machine noise hit both.
  for (let round = 0; round < 3; round++) {
    sql = Math.max(sql, rate(SQL_FILTERS, options.microBenchMs));
    native = Math.max(native, rate(NATIVE_FILTERS, options.microBenchMs));
  }
  return {
    expression: CESQL_EXPRESSION,
    eventsPerSecond: sql,
    nativeDialectsEventsPerSecond: native,
    ratioToNativeDialects: sql / native,
    microsPerEvent: 1e6 / sql,
  };
}
