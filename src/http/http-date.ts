// An HTTP-date as RFC 9110 (section 5.6.7) defines it: the IMF-fixdate that servers send, or one
// of the two obsolete forms a recipient must still accept. Nothing else is read as a date:
// `Date.parse` would take "1.5" or "-1" as a day in 2001.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTH = `(${MONTHS.join("|")})`;
const TIME = "(\\d{2}):(\\d{2}):(\\d{2})";

type Read = (groups: string[], now: number) => [number, string, number, string, string, string];

/** Each form, and how to read day, month, full year and time from its groups. */
const FORMS: [RegExp, Read][] = [
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
    ([, d, m, y, hh, mm, ss], now) => [Number(d), m!, fullYear(Number(y), now), hh!, mm!, ss!],
  ],
  // Sun Nov  6 08:49:37 1994 (Number reads " 6" as 6)
  [
    new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`),
    ([, m, d, hh, mm, ss, y]) => [Number(d), m!, Number(y), hh!, mm!, ss!],
  ],
];

/** A two-digit year is the latest year with those digits not over 50 years ahead (RFC 9110). */
function fullYear(year: number, now: number): number {
  const current = new Date(now).getUTCFullYear();
  const full = current - (current % 100) + year;
  return full > current + 50 ? full - 100 : full;
}

/** The time an HTTP-date names, in milliseconds since the epoch; `undefined` if it is not one. */
export function parseHttpDate(text: string, now = Date.now()): number | undefined {
  for (const [pattern, read] of FORMS) {
    const groups = pattern.exec(text);
    if (!groups) continue;
    const [day, monthName, year, hh, mm, ss] = read(groups, now);
    const month = MONTHS.indexOf(monthName);
    const [hours, minutes, seconds] = [Number(hh), Number(mm), Number(ss)];
    if (hours > 23 || minutes > 59 || seconds > 60) return undefined;
    // Date.UTC rolls 31 Feb over into March; a real day reads back as itself. The time is added
    // after that check, so a leap second (23:59:60) on a month's last day is still that day.
    const midnight = Date.UTC(year, month, day);
    if (new Date(midnight).getUTCDate() !== day) return undefined;
    return midnight + ((hours * 60 + minutes) * 60 + seconds) * 1000;
  }
  return undefined;
}
