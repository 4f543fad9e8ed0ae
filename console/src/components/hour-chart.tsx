// Delivery counts per hour (GET /v1/queues/{name}/stats buckets) in plain SVG:
// delivered bars rise from the middle line, failed attempts hang below it, on
// one scale. The drawing is hidden from assistive technology; the same
// numbers are in the text beside it (a summary, and on the queue page a
// table of every hour that counted something).
import { TimeText } from './time-text';

export interface HourBucket {
  readonly start: string;
  readonly delivered: number;
  readonly failedAttempts: number;
  readonly deadLettered: number;
  readonly filteredOut: number;
}

const BAR = 4;
const HOUR_FORMAT: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
};
const HALF = 20;

function totals(buckets: readonly HourBucket[]) {
  let delivered = 0;
  let failed = 0;
  for (const b of buckets) {
    delivered += b.delivered;
    failed += b.failedAttempts;
  }
  return { delivered, failed };
}

/** A sentence with the chart's numbers: what a screen reader hears and anyone can read. */
export function hourSummary(buckets: readonly HourBucket[], span: string): string {
  const { delivered, failed } = totals(buckets);
  const busiest = buckets.reduce<HourBucket | undefined>(
    (best, b) => (b.delivered > (best?.delivered ?? 0) ? b : best),
    undefined,
  );
  const peak = busiest
    ? `; busiest hour ${new Date(busiest.start).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' })} with ${busiest.delivered.toLocaleString()} delivered`
    : '';
  return `${span}: ${delivered.toLocaleString()} delivered, ${failed.toLocaleString()} failed attempt${failed === 1 ? '' : 's'}${peak}.`;
}

export function HourBars({
  buckets,
  tall,
}: {
  readonly buckets: readonly HourBucket[];
  readonly tall?: boolean;
}) {
  const max = Math.max(1, ...buckets.map((b) => Math.max(b.delivered, b.failedAttempts)));
  const width = Math.max(1, buckets.length) * BAR;
  return (
    <svg
      class={tall ? 'hours tall' : 'hours'}
      viewBox={`0 0 ${width} ${2 * HALF}`}
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      {tall
        ? buckets.map((b, i) =>
            new Date(b.start).getHours() === 0 ? (
              <line key={`day-${b.start}`} class="day" x1={i * BAR} x2={i * BAR} y1="0" y2={2 * HALF} />
            ) : null,
          )
        : null}
      <line class="axis" x1="0" x2={width} y1={HALF} y2={HALF} />
      {buckets.map((b, i) => {
        // A count of one among thousands still shows: at least a tenth of the half.
        const up = b.delivered ? Math.max(HALF / 10, (b.delivered / max) * HALF) : 0;
        const down = b.failedAttempts ? Math.max(HALF / 10, (b.failedAttempts / max) * HALF) : 0;
        return (
          <g key={b.start}>
            {up > 0 ? (
              <rect class="bar ok" x={i * BAR + 0.5} y={HALF - up} width={BAR - 1} height={up} />
            ) : null}
            {down > 0 ? (
              <rect class="bar bad" x={i * BAR + 0.5} y={HALF} width={BAR - 1} height={down} />
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

/** The Queues page's glance: the last 24 hours, and its numbers in a sentence. */
export function DaySparkline({ buckets }: { readonly buckets: readonly HourBucket[] }) {
  return (
    <figure class="sparkline">
      <HourBars buckets={buckets} />
      <figcaption>{hourSummary(buckets, 'Last 24 h')}</figcaption>
    </figure>
  );
}

/** A queue's week: the chart, its time axis, and a table of each hour that counted something. */
export function WeekChart({ buckets }: { readonly buckets: readonly HourBucket[] }) {
  const counted = buckets.filter((b) => b.delivered || b.failedAttempts || b.deadLettered || b.filteredOut);
  return (
    <figure class="week-chart" aria-labelledby="week-chart-title">
      <h3 id="week-chart-title">Deliveries per hour, last 7 days</h3>
      <p class="legend">
        <span class="swatch ok" aria-hidden="true" /> delivered (above the line){' '}
        <span class="swatch bad" aria-hidden="true" /> failed attempts (below)
      </p>
      <HourBars buckets={buckets} tall />
      <div class="chart-axis" aria-hidden="true">
        {buckets.map((b, i) =>
          new Date(b.start).getHours() === 0 ? (
            // A label near the right edge is aligned to it, so that it is not cut off.
            <span
              key={b.start}
              style={i / buckets.length > 0.92 ? { right: '0' } : { left: `${(i / buckets.length) * 100}%` }}
            >
              {new Date(b.start).toLocaleDateString([], { weekday: 'short' })}
            </span>
          ) : null,
        )}
      </div>
      <figcaption>{hourSummary(buckets, 'Last 7 days')}</figcaption>
      <details>
        <summary>
          Numbers per hour ({counted.length} of {buckets.length} hours counted deliveries)
        </summary>
        {counted.length === 0 ? (
          <p class="muted">No deliveries in these 7 days.</p>
        ) : (
          <div class="table-scroll">
            <table class="list">
              <thead>
                <tr>
                  <th scope="col">Hour</th>
                  <th scope="col">Delivered</th>
                  <th scope="col">Failed attempts</th>
                  <th scope="col">Dead-lettered</th>
                  <th scope="col">Filtered out</th>
                </tr>
              </thead>
              <tbody>
                {counted.map((b) => (
                  <tr key={b.start}>
                    <td class="nowrap">
                      <TimeText iso={b.start} format={HOUR_FORMAT} />
                    </td>
                    <td>{b.delivered}</td>
                    <td>{b.failedAttempts}</td>
                    <td>{b.deadLettered}</td>
                    <td>{b.filteredOut}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </details>
    </figure>
  );
}
