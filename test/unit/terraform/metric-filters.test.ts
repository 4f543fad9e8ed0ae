// The log-based metrics count what their names say, judged on log lines of
// the shapes dispatch writes (functions/src/observability/log.ts: the eventq
// fields under jsonPayload.eventq, on the function's Cloud Run revision).
import { DELIVERY_OUTCOMES, type LogFields } from '../../../functions/src/observability/log';
import { type LogEntry, matchesLogFilter } from './log-filter';
import {
  Evaluator,
  interfaceProperties,
  loadModule,
  resource,
  type TerraformModule,
  variableDefaults,
} from './terraform-config';

let platform: TerraformModule;
beforeAll(async () => {
  platform = await loadModule('modules/platform');
});

const filterOf = (outcome: string): string => {
  const metric = resource(platform, 'google_logging_metric', 'outcome');
  const value = (platform.locals.outcome_metrics as Record<string, unknown>)[outcome];
  return new Evaluator(platform, { var: variableDefaults(platform), each: { key: outcome, value } }).value(
    metric.filter,
  ) as string;
};

const line = (fields: LogFields, service = 'eventq-dispatch'): LogEntry => ({
  resource: { type: 'cloud_run_revision', labels: { service_name: service } },
  jsonPayload: { severity: 'WARNING', message: '…', eventq: fields },
});

const message = { tenant: 'acme', queue: 'orders', eventId: 'e-1', eventType: 't', messageId: 'm-1' };

// [what dispatch logged, the line, the metrics that must count it]
const lines: [string, LogEntry, string[]][] = [
  ['a delivery', line({ ...message, outcome: 'delivered', status: 204, latencyMs: 12 }), ['delivered']],
  ['a failed attempt', line({ ...message, outcome: 'failed', status: 503, latencyMs: 40 }), ['failed']],
  [
    'an attempt the sink did not answer',
    line({ ...message, outcome: 'failed', error: 'timeout' }),
    ['failed'],
  ],
  ['a dead-lettered event', line({ ...message, outcome: 'dead-lettered' }), ['dead-lettered']],
  // Earlier versions logged a disable with outcome "failed" and no message: not a failed attempt either.
  [
    'a queue disabled, as older versions logged it',
    line({ tenant: 'acme', queue: 'orders', outcome: 'failed' }),
    [],
  ],
  [
    'a queue disabled (queues/queue-lifecycle.ts)',
    line({ tenant: 'acme', queue: 'orders', outcome: 'disabled' }),
    [],
  ],
  ["a push held by the sink's rate or Retry-After", line({ ...message, outcome: 'held' }), []],
  ['a filtered event', line({ ...message, outcome: 'filtered' }), []],
  ['a delivery logged by another service', line({ ...message, outcome: 'delivered' }, 'other'), []],
];

describe('the outcome metrics', () => {
  it.each(lines)('count %s in exactly the metrics that name it', (_what, entry, counted) => {
    const outcomes = Object.keys(platform.locals.outcome_metrics as Record<string, unknown>);
    expect(outcomes.filter((o) => matchesLogFilter(filterOf(o), entry))).toEqual(counted);
  });

  it('read only fields and outcomes that the code writes', () => {
    const fields = interfaceProperties('functions/src/observability/log.ts', 'LogFields');
    for (const outcome of Object.keys(platform.locals.outcome_metrics as Record<string, unknown>)) {
      const filter = filterOf(outcome);
      for (const [, name] of filter.matchAll(/jsonPayload\.eventq\.(\w+)/g)) expect(fields).toContain(name);
      expect(DELIVERY_OUTCOMES as readonly string[]).toContain(outcome);
    }
  });
});
