// The optional alert policy: created only once Cloud Monitoring knows the
// log-based metrics it watches, and sent to channels named as the API wants.

import { waitsFor } from './references';
import { loadModule, resource, type TerraformModule } from './terraform-config';
import { passes } from './validation-conditions';

/** Monitoring's own words (provider issue #11102): a new metric "could take up to 10 minutes to become available". */
const METRIC_PROPAGATION_SECONDS = 600;

let platform: TerraformModule;
let root: TerraformModule;
let example: TerraformModule;
beforeAll(async () => {
  [platform, root, example] = await Promise.all([
    loadModule('modules/platform'),
    loadModule('.'),
    loadModule('examples/two-tenants'),
  ]);
});

const seconds = (duration: unknown): number => {
  const m = /^(\d+)(s|m)$/.exec(String(duration));
  if (!m) throw new Error(`unexpected duration ${duration}`);
  return Number(m[1]) * (m[2] === 'm' ? 60 : 1);
};

/** The outcome metrics that the alert policy's conditions filter on. */
const alertedMetrics = (): string[] => {
  const text = JSON.stringify(resource(platform, 'google_monitoring_alert_policy', 'delivery'));
  return [...text.matchAll(/google_logging_metric\.outcome\[\\"([^"\\]+)\\"\]/g)].map((m) => m[1]!).sort();
};

describe('the alert policy', () => {
  it('watches the dead-lettered and failed metrics', () => {
    expect(alertedMetrics()).toEqual(['dead-lettered', 'failed']);
  });

  it('is created only after Monitoring has had 10 minutes to learn each metric it watches', () => {
    const policy = resource(platform, 'google_monitoring_alert_policy', 'delivery');
    expect(policy.depends_on).toEqual(expect.arrayContaining([`\${time_sleep.metrics_known}`]));
    const sleep = resource(platform, 'time_sleep', 'metrics_known');
    expect(seconds(sleep.create_duration)).toBeGreaterThanOrEqual(METRIC_PROPAGATION_SECONDS);
    expect(waitsFor(platform, 'time_sleep.metrics_known', 'google_logging_metric.outcome')).toBe(true);
  });

  it('waits again when a watched metric is re-created, and only then', () => {
    const sleep = resource(platform, 'time_sleep', 'metrics_known');
    expect(String(sleep.triggers).replace(/\s+/g, ' ')).toBe(
      `\${{ for outcome in local.alerted_outcomes : outcome => google_logging_metric.outcome[outcome].id }}`,
    );
    expect([...(platform.locals.alerted_outcomes as string[])].sort()).toEqual(alertedMetrics());
    // Not counted with the policy: the wait starts with the metrics, so enabling alerts later does not wait.
    expect(sleep).not.toHaveProperty('count');
  });
});

describe('notification channels', () => {
  const channel = 'projects/my-project/notificationChannels/1234567890123456789';
  it.each<[string, string[], boolean]>([
    ['none', [], true],
    ['a full resource name', [channel], true],
    ['two full resource names', [channel, 'projects/other-proj/notificationChannels/42'], true],
    ['a bare channel id', ['1234567890123456789'], false],
    ['a display name', ['On-call email'], false],
    ['a name with a trailing slash', [`${channel}/`], false],
    ['an alert policy name', ['projects/my-project/alertPolicies/123'], false],
    ['a channel of a malformed project id', ['projects/My_Project/notificationChannels/1'], false],
  ])('accepts %s: %j → %s', (_what, channels, ok) => {
    expect(passes(platform, 'alerts', { notification_channels: channels })).toBe(ok);
    expect(passes(root, 'alerts', { notification_channels: channels })).toBe(ok);
    expect(
      passes(example, 'alert_notification_channels', channels as unknown as Record<string, unknown>),
    ).toBe(ok);
  });

  it('says in the description that they are full resource names', () => {
    expect(String(platform.variables.alerts!.description)).toContain(
      'projects/<project>/notificationChannels/<id>',
    );
    expect(String(example.variables.alert_notification_channels!.description)).toContain(
      'projects/<project>/notificationChannels/<id>',
    );
  });
});
