import { describe, expect, it } from "vitest";
import { parseHttpDate } from "../../src/http/http-date.js";

// A fixed "now", so the two-digit-year rule reads the same on any day the tests run.
const now = Date.UTC(2026, 10, 25, 12, 0, 0);
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

describe("parseHttpDate", () => {
  it.each(MONTHS.map((name, index) => [name, index]))(
    "reads the month %s in each of the three forms",
    (name, index) => {
      const time = Date.UTC(2026, index as number, 6, 8, 49, 37);
      expect(parseHttpDate(`Fri, 06 ${name} 2026 08:49:37 GMT`, now)).toBe(time);
      expect(parseHttpDate(`Friday, 06-${name}-26 08:49:37 GMT`, now)).toBe(time);
      expect(parseHttpDate(`Fri ${name}  6 08:49:37 2026`, now)).toBe(time);
    },
  );

  it("reads a two-digit year as the latest with those digits at most 50 years ahead", () => {
    const at = (yy: string) => parseHttpDate(`Sunday, 06-Nov-${yy} 08:49:37 GMT`, now);
    expect(at("76")).toBe(Date.UTC(2076, 10, 6, 8, 49, 37));
    expect(at("77")).toBe(Date.UTC(1977, 10, 6, 8, 49, 37));
    expect(at("94")).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(at("00")).toBe(Date.UTC(2000, 10, 6, 8, 49, 37));
  });

  it("takes a four-digit year as written, even one under 1000", () => {
    const expected = new Date(Date.UTC(2000, 0, 1));
    expected.setUTCFullYear(100);
    expect(parseHttpDate("Fri, 01 Jan 0100 00:00:00 GMT", now)).toBe(expected.getTime());
  });

  it("accepts the last second of a day and a leap second", () => {
    expect(parseHttpDate("Wed, 25 Nov 2026 23:59:59 GMT", now)).toBe(
      Date.UTC(2026, 10, 25, 23, 59, 59),
    );
    expect(parseHttpDate("Wed, 31 Dec 2026 23:59:60 GMT", now)).toBe(Date.UTC(2027, 0, 1));
  });

  it.each([
    "Wed, 25 Nov 2026 24:00:00 GMT",
    "Wed, 25 Nov 2026 12:60:00 GMT",
    "Wed, 25 Nov 2026 12:00:61 GMT",
    "Wed, 31 Feb 2026 12:00:00 GMT",
    "Wed, 00 Nov 2026 12:00:00 GMT",
    "Wednesday, 25-Nov-2026 12:00:00 GMT",
    "Wed Nov 25 12:00:00 26",
    "Wed, 25 Sept 2026 12:00:00 GMT",
  ])("refuses %j", (text) => {
    expect(parseHttpDate(text, now)).toBeUndefined();
  });
});
