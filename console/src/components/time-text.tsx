// A time in the browser's zone, with UTC on hover (and for screen readers, in the datetime attribute).

export function TimeText({
  iso,
  format,
}: {
  readonly iso: string | undefined;
  /** How to show it (default: the browser's date and time). */
  readonly format?: Intl.DateTimeFormatOptions;
}) {
  if (!iso) return <span class="muted">—</span>;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span>{iso}</span>;
  return (
    <time dateTime={date.toISOString()} title={`${date.toISOString().replace('T', ' ').slice(0, 19)} UTC`}>
      {date.toLocaleString([], format)}
    </time>
  );
}
