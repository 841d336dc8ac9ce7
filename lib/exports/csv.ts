// CSV for spreadsheets, per RFC 4180 (every cell quoted, quotes doubled, CRLF between records),
// hardened against formula injection: text that a spreadsheet would run as a formula (starting
// with = + - @, a tab or a carriage return) gets a leading apostrophe, so a student named
// =HYPERLINK("http://evil","x") stays text. Pure: no server code here.

export type CsvValue = string | number | boolean | null | undefined;

/** Written first, so spreadsheets read the file as UTF-8 (accents, non-Latin names). */
export const UTF8_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell. Numbers the app computed are written as they are (-3 is a number, not a formula, and
 * prefixing it would turn it into text); strings are escaped whatever they look like.
 */
export function csvCell(value: CsvValue): string {
  let text: string;
  if (value === null || value === undefined) text = "";
  else if (typeof value === "number") text = Number.isFinite(value) ? String(value) : "";
  else if (typeof value === "boolean") text = value ? "true" : "false";
  else text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replaceAll('"', '""')}"`;
}

/** One record, CRLF-terminated. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
