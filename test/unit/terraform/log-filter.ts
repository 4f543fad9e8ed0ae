// A Cloud Logging query (https://cloud.google.com/logging/docs/view/logging-query-language)
// applied to one log entry, for the forms eventq's metric filters use: terms
// joined by AND, each `field="value"`, `field=("a" OR "b")` or `field:*` (the
// field is present). Anything else is refused rather than guessed.

export type LogEntry = Record<string, unknown>;

/** Splits at the ANDs that are outside parentheses and quotes. */
function terms(filter: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < filter.length; i++) {
    const c = filter[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && filter.startsWith(' AND ', i)) {
      out.push(filter.slice(start, i).trim());
      start = i + 5;
      i += 4;
    }
  }
  out.push(filter.slice(start).trim());
  return out;
}

function field(entry: LogEntry, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], entry);
}

/** Whether the entry matches every term of the filter. */
export function matchesLogFilter(filter: string, entry: LogEntry): boolean {
  return terms(filter).every((term) => {
    const present = /^([\w.]+):\*$/.exec(term);
    if (present) return field(entry, present[1]!) !== undefined;
    const equals = /^([\w.]+)="((?:[^"\\]|\\.)*)"$/.exec(term);
    if (equals) return String(field(entry, equals[1]!)) === equals[2];
    const anyOf = /^([\w.]+)=\(((?:"[^"]*"(?: OR )?)+)\)$/.exec(term);
    if (anyOf) {
      const values = [...anyOf[2]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
      return values.includes(String(field(entry, anyOf[1]!)));
    }
    throw new Error(`the test does not evaluate the log filter term: ${term}`);
  });
}
