// A small bar chart in plain SVG, drawn inside a table of the same numbers:
// the numbers are there as text for screen readers and for copying, the bars
// (hidden from assistive technology) for the glance.
import type { HourBucket } from './hour-chart';

export interface Count {
  readonly label: string;
  readonly value: number;
  /** The bar's colour. */
  readonly tone: 'ok' | 'bad' | 'warn' | 'muted';
}

export function CountsChart({
  title,
  counts,
}: {
  readonly title: string;
  readonly counts: readonly Count[];
}) {
  const max = Math.max(1, ...counts.map((c) => c.value));
  return (
    <table class="chart">
      <caption>{title}</caption>
      <tbody>
        {counts.map((c) => (
          <tr key={c.label}>
            <th scope="row">{c.label}</th>
            <td class="bar-cell">
              <svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect class={`bar ${c.tone}`} x="0" y="0" height="10" width={(c.value / max) * 100} />
              </svg>
            </td>
            <td class="number">{c.value.toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The counters of GET /v1/queues/{name}/stats: totals, and the same per hour of the span asked. */
export interface Stats {
  readonly delivered: number;
  readonly failedAttempts: number;
  readonly deadLettered: number;
  readonly filteredOut: number;
  readonly buckets: readonly HourBucket[];
}

export function statsCounts(stats: Stats): Count[] {
  return [
    { label: 'Delivered', value: stats.delivered, tone: 'ok' },
    { label: 'Failed attempts', value: stats.failedAttempts, tone: 'bad' },
    { label: 'Dead-lettered', value: stats.deadLettered, tone: 'warn' },
    { label: 'Filtered out', value: stats.filteredOut, tone: 'muted' },
  ];
}
