// The `subjectPrefixes` of a stored entry: the subject itself and each of its
// prefixes that ends in "/", so that `subject=/devices/*` is an array-contains
// query on one index rather than a range scan.

export function subjectPrefixes(subject: string): string[] {
  const prefixes: string[] = [];
  for (let i = subject.indexOf('/'); i >= 0 && i < subject.length - 1; i = subject.indexOf('/', i + 1)) {
    prefixes.push(subject.slice(0, i + 1));
  }
  prefixes.push(subject);
  return prefixes;
}
