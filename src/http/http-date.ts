// An HTTP-date as RFC 9110 (section 5.6.7) defines it: the IMF-fixdate that servers send, or one
// of the two obsolete forms a recipient must still accept. Nothing else is read as a date:
// `Date.parse` would take "1.5" or "-1" as a day in 2001.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTH = `(${MONTHS.join("|")})`;
const TIME = "(\\d{2}):(\\d{2}):(\\d{2})";

/** Each form, and how to read day, month, year and time from its groups. */
const FORMS: [RegExp, (g: string[]) => [number, string, number, string, string, string]][] = [
  // Sun, 06 Nov 1994 08:49:37 GMT
  [
    new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`),
    ([, d, m, y, hh, mm, ss]) => [Number(d), m!, Number(y), hh!, mm!, ss!],
  ],
  // Sunday, 06-Nov-94 08:49:37 GMT
  [
    new RegExp(
      `^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`,
    ),
    ([, d, m, y, hh, mm, ss]) => [Number(d), m!, Number(y), hh!, mm!, ss!],
  ],
  // Sun Nov  6 08:49:37 1994
  [
    new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`),
    ([, m, d, hh, mm, ss, y]) => [Number(d!.trim()), m!, Number(y), hh!, mm!, ss!],
  ],
];

/** A two-digit year is the latest year with those digits not over 50 years ahead (RFC 9110). */
function fullYear(year: number, now: number): number {
  if (year >= 100) return year;
  const current = new Date(now).getUTCFullYear();
  let full = current - (current % 100) + year;
  if (full > current + 50) full -= 100;
  return full;
}

/** The time an HTTP-date names, in milliseconds since the epoch; `undefined` if it is not one. */
export function parseHttpDate(text: string, now = Date.now()): number | undefined {
  for (const [pattern, read] of FORMS) {
    const groups = pattern.exec(text);
    if (!groups) continue;
    const [day, monthName, year, hh, mm, ss] = read(groups);
    const month = MONTHS.indexOf(monthName);
    const [hours, minutes, seconds] = [Number(hh), Number(mm), Number(ss)];
    if (hours > 23 || minutes > 59 || seconds > 60) return undefined;
    const time = Date.UTC(fullYear(year, now), month, day, hours, minutes, seconds);
    // Date.UTC rolls 31 Feb over into March; a real date reads back as the same day.
    return new Date(time).getUTCDate() === day ? time : undefined;
  }
  return undefined;
}
