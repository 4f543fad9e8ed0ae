// What a `subject=<prefix>*` search matches an entry on: its subject and each
// prefix of it that ends in "/" (`/devices/x/config` → `/`, `/devices/`,
// `/devices/x/`, and the subject itself), stored as `subjectPrefixes` and
// queried with array-contains, so that a prefix search is one index lookup.

/** Bounds the array (and its index entries) for a subject with very many segments. */
export const MAX_SUBJECT_PREFIXES = 32;

export function subjectPrefixes(subject: string): string[] {
  const prefixes: string[] = [];
  for (let i = subject.indexOf('/'); i !== -1 && i < subject.length - 1; i = subject.indexOf('/', i + 1)) {
    prefixes.push(subject.slice(0, i + 1));
    if (prefixes.length === MAX_SUBJECT_PREFIXES - 1) break;
  }
  prefixes.push(subject);
  return prefixes;
}
