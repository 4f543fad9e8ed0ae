// A search of a queue's message log as the console's form holds it, and as the
// API takes it: query parameters of GET /events, the body of POST events:resend.

export type LogSearch = Record<'status' | 'type' | 'subject' | 'since' | 'until', string>;
export const NO_SEARCH: LogSearch = { status: '', type: '', subject: '', since: '', until: '' };

/** The filled-in fields, times (datetime-local, the browser's zone) as RFC 3339. */
export function searchFields(search: LogSearch): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(search)) {
    if (!value) continue;
    fields[key] = key === 'since' || key === 'until' ? new Date(value).toISOString() : value;
  }
  return fields;
}

/** The search in words, for a confirmation: "status dead-lettered, type X". */
export function describeSearch(search: LogSearch): string {
  const parts = Object.entries(search)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k} ${k === 'since' || k === 'until' ? new Date(v).toLocaleString() : v}`);
  return parts.length > 0 ? parts.join(', ') : 'no filter: every entry of the log';
}
