// The output formats, one small object each: what to write before the first page, for each page,
// and after the last.
import type { Factor } from "../index.js";
import { textOf } from "../shown.js";
import { visible } from "./terminal.js";

export const FORMATS = ["table", "json", "ndjson", "tsv"] as const;
export type FormatName = (typeof FORMATS)[number];

export interface Format {
  start(): string;
  page(factors: Factor[]): string;
  end(): string;
}

type Field = keyof Factor & string;

/** `value` of `factor` as JSON, or an error naming the factor a hostile server nested too deeply. */
function json(factor: Factor, value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    throw new Error(`factor ${visible(textOf(factor.sid))} is nested too deeply to write as JSON`);
  }
}

/** A field as text: objects as JSON, nothing for null. */
const text = (factor: Factor, field: Field) => {
  const value: unknown = factor[field];
  return value === null || value === undefined
    ? ""
    : typeof value === "object"
      ? json(factor, value)
      : String(value);
};

/** A field as one table cell: nothing a terminal would act on (see terminal.ts). */
const cell = (factor: Factor, field: Field) => visible(text(factor, field));

const title = (field: string) =>
  field === "sid"
    ? "SID"
    : field
        .split("_")
        .map((w) => (w.endsWith("sid") ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1)))
        .join(" ");

/**
 * The widest a column is padded to. A longer cell is written whole and pushes its row out: were
 * the column sized to it, one long value from the server would pad every row of the page.
 */
const MAX_COLUMN_WIDTH = 60;

/** Columns sized to the header and the first page, as twilio-cli's tables are. */
function table(fields: Field[]): Format {
  let widths: number[] | undefined;
  const row = (cells: string[]) =>
    `${cells
      .map((c, i) => c.padEnd(widths![i]!))
      .join("  ")
      .trimEnd()}\n`;
  return {
    start: () => "",
    page(factors) {
      const rows = factors.map((f) => fields.map((p) => cell(f, p)));
      let header = "";
      if (!widths) {
        const widest = (i: number) =>
          Math.max(...rows.map((r) => Math.min(r[i]!.length, MAX_COLUMN_WIDTH)));
        widths = fields.map((p, i) => Math.max(title(p).length, widest(i)));
        header = row(fields.map((field) => visible(title(field))));
      }
      return header + rows.map(row).join("");
    },
    end: () => "",
  };
}

/**
 * A field as one TSV value: tabs and line breaks written out as `visible` does, so a record is one
 * line and a field one tab, and a backslash of the value's own doubled, so `\u0009` in a value and
 * a tab written out read differently.
 */
const tsvValue = (factor: Factor, field: Field) =>
  visible(text(factor, field).replace(/\\/g, "\\\\"));

function tsv(fields: Field[]): Format {
  const line = (factor: Factor) => `${fields.map((p) => tsvValue(factor, p)).join("\t")}\n`;
  return {
    start: () => `${fields.map(visible).join("\t")}\n`,
    page: (factors) => factors.map(line).join(""),
    end: () => "",
  };
}

function ndjson(shown: (factor: Factor) => unknown): Format {
  return {
    start: () => "",
    page: (factors) => factors.map((f) => `${json(f, shown(f))}\n`).join(""),
    end: () => "",
  };
}

/** One array, an item a line, written as the pages come. */
function jsonArray(shown: (factor: Factor) => unknown): Format {
  let empty = true;
  return {
    start: () => "[",
    page(factors) {
      const text = factors.map((f, i) => `${empty && i === 0 ? "" : ","}\n  ${json(f, shown(f))}`);
      if (factors.length) empty = false;
      return text.join("");
    },
    end: () => (empty ? "]\n" : "\n]\n"),
  };
}

/** `properties` are the columns of table and tsv; json and ndjson keep whole factors unless `pick`. */
export function createFormat(name: FormatName, properties: string[], pick: boolean): Format {
  const fields = properties as Field[];
  const shown = (factor: Factor) =>
    pick ? Object.fromEntries(fields.map((p) => [p, factor[p]])) : factor;
  switch (name) {
    case "table":
      return table(fields);
    case "tsv":
      return tsv(fields);
    case "ndjson":
      return ndjson(shown);
    case "json":
      return jsonArray(shown);
  }
}
