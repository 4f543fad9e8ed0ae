// RFC 3339 §5.6 `date-time`, checked by hand: Date.parse accepts far more
// (and less) than the RFC, and a regex would still need the range checks.
//
//   full-date "T" partial-time time-offset
//   YYYY-MM-DD T hh:mm:ss[.frac] (Z | ±hh:mm)      ("T" and "Z" in either case)

function digits2(s: string, at: number): number {
  const a = s.charCodeAt(at) - 0x30;
  const b = s.charCodeAt(at + 1) - 0x30;
  // NaN (past the end) fails both comparisons, so it is rejected too.
  if (!(a >= 0 && a <= 9 && b >= 0 && b <= 9)) return -1;
  return a * 10 + b;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isOffset(s: string, at: number): boolean {
  const c = s.charCodeAt(at);
  if (c === 0x5a || c === 0x7a) return s.length === at + 1; // Z or z
  if (c !== 0x2b && c !== 0x2d) return false; // + or -
  if (s.length !== at + 6 || s.charCodeAt(at + 3) !== 0x3a) return false;
  const hour = digits2(s, at + 1);
  const minute = digits2(s, at + 4);
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59;
}

export function isRfc3339Timestamp(s: string): boolean {
  // Shortest form: 2020-01-01T00:00:00Z (20 characters).
  if (s.length < 20) return false;
  const century = digits2(s, 0);
  const yy = digits2(s, 2);
  const month = digits2(s, 5);
  const day = digits2(s, 8);
  const hour = digits2(s, 11);
  const minute = digits2(s, 14);
  const second = digits2(s, 17);
  if (century < 0 || yy < 0 || s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d) return false;
  const t = s.charCodeAt(10);
  if (t !== 0x54 && t !== 0x74) return false; // T or t
  if (s.charCodeAt(13) !== 0x3a || s.charCodeAt(16) !== 0x3a) return false;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(century * 100 + yy, month)) return false;
  // Second 60 is a leap second, which RFC 3339 allows.
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return false;
  let at = 19;
  if (s.charCodeAt(at) === 0x2e) {
    // time-secfrac = "." 1*DIGIT
    const start = ++at;
    while (at < s.length) {
      const c = s.charCodeAt(at);
      if (c < 0x30 || c > 0x39) break;
      at++;
    }
    if (at === start) return false;
  }
  return isOffset(s, at);
}
