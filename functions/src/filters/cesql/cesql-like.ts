// The LIKE operator's pattern (cesql/spec.md §3.4.3): `%` is any run of
// characters, `_` exactly one character (a Unicode code point), `\%` and `\_`
// the characters themselves; any other character matches only itself, case
// sensitively. Patterns are compiled once; the common shapes (no wildcard, a
// prefix, a suffix, a substring) become plain string tests, and the general
// case is a linear backtracking-free scan, so no pattern can make it slow.

const ONE = 0;
const ANY = 1;
type Step = string | typeof ONE | typeof ANY;

const SURROGATE = /[\uD800-\uDFFF]/;

function steps(pattern: string): Step[] {
  const out: Step[] = [];
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const next = chars[i + 1];
    if (c === '\\' && (next === '%' || next === '_')) {
      out.push(next);
      i++;
    } else if (c === '%') {
      if (out.at(-1) !== ANY) out.push(ANY);
    } else {
      out.push(c === '_' ? ONE : c);
    }
  }
  return out;
}

function literalRun(list: readonly Step[]): string | undefined {
  return list.every((s) => typeof s === 'string') ? list.join('') : undefined;
}

/** The general case: greedy scan that backs up to the last `%` only. O(text × pattern). */
function scanner(list: readonly Step[]): (text: string) => boolean {
  return (text) => {
    const chars: ArrayLike<string> = SURROGATE.test(text) ? Array.from(text) : text;
    let t = 0;
    let p = 0;
    let star = -1;
    let mark = 0;
    while (t < chars.length) {
      const step = list[p];
      if (step === ONE || (typeof step === 'string' && step === chars[t])) {
        t++;
        p++;
      } else if (step === ANY) {
        star = p++;
        mark = t;
      } else if (star !== -1) {
        p = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (list[p] === ANY) p++;
    return p === list.length;
  };
}

export function compileLikePattern(pattern: string): (text: string) => boolean {
  const list = steps(pattern);
  const whole = literalRun(list);
  if (whole !== undefined) return (text) => text === whole;
  const first = list[0] === ANY;
  const last = list.at(-1) === ANY;
  const inner = literalRun(list.slice(first ? 1 : 0, last ? -1 : undefined));
  if (inner !== undefined) {
    if (first && last) return (text) => text.includes(inner);
    if (last) return (text) => text.startsWith(inner);
    if (first) return (text) => text.endsWith(inner);
  }
  return scanner(list);
}
