import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { csvCell, csvRow, UTF8_BOM } from "@/lib/exports/csv";

/** RFC 4180, as a spreadsheet reads it: quoted fields, doubled quotes, CRLF between records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      record.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else field += char;
  }
  if (field || record.length) records.push([...record, field]);
  return records;
}

describe("CSV cells", () => {
  it("quotes every cell and doubles the quotes inside", () => {
    expect(csvCell("plain")).toBe('"plain"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("")).toBe('""');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(undefined)).toBe('""');
  });

  it("keeps commas, newlines and accents inside one cell", () => {
    const row = csvRow(["Zoë, Ångström", "line one\nline two", "cr\r\nlf", "façade"]);
    expect(row.endsWith("\r\n")).toBe(true);
    expect(parseCsv(row)).toEqual([["Zoë, Ångström", "line one\nline two", "cr\r\nlf", "façade"]]);
  });

  it("turns text a spreadsheet would run as a formula into text", () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell("+1+1")).toBe(`"'+1+1"`);
    expect(csvCell("-2+3")).toBe(`"'-2+3"`);
    expect(csvCell("@SUM(A1:A9)")).toBe(`"'@SUM(A1:A9)"`);
    expect(csvCell("\t=1")).toBe(`"'\t=1"`);
    expect(csvCell("\r=1")).toBe(`"'\r=1"`);
    expect(parseCsv(csvRow(['=HYPERLINK("http://evil","x")']))).toEqual([[`'=HYPERLINK("http://evil","x")`]]);
    // Only the start matters: text with a formula character later is left alone.
    expect(csvCell("a=b")).toBe('"a=b"');
    expect(csvCell("qwen3-vl:4b")).toBe('"qwen3-vl:4b"');
  });

  it("writes numbers and booleans as they are; a negative number is a number, not a formula", () => {
    expect(csvRow([42, -3, 0.5, true, false])).toBe('"42","-3","0.5","true","false"\r\n');
    expect(csvCell(Number.NaN)).toBe('""');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('""');
  });

  it("the BOM is the UTF-8 one", () => {
    expect(new TextEncoder().encode(UTF8_BOM)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  test.prop([fc.array(fc.array(fc.string({ unit: "binary" }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 })])(
    "reads back as written, with a quote before formula starts and nothing else changed",
    (rows) => {
      const text = rows.map(csvRow).join("");
      const expected = rows.map((row) => row.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)));
      expect(parseCsv(text)).toEqual(expected);
      // No cell, once read, starts like a formula.
      for (const cell of parseCsv(text).flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    },
  );
});
