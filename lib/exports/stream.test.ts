import { describe, expect, it } from "vitest";
import { datedFileName, downloadResponse, streamChunks } from "@/lib/exports/stream";

describe("streamed downloads", () => {
  it("reads the next page only when the reader asks for more", async () => {
    const produced: number[] = [];
    async function* pages() {
      for (let page = 1; page <= 5; page++) {
        produced.push(page);
        yield `page ${page}\n`;
      }
    }
    const reader = streamChunks(pages(), "test").getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe("page 1\n");
    await new Promise((r) => setTimeout(r, 20));
    // One page read, at most one more buffered ahead: never the whole class.
    expect(produced.length).toBeLessThanOrEqual(2);
    let text = "page 1\n";
    for (let next = await reader.read(); !next.done; next = await reader.read()) text += new TextDecoder().decode(next.value);
    expect(text).toBe("page 1\npage 2\npage 3\npage 4\npage 5\n");
  });

  it("stops reading the database when the download is abandoned", async () => {
    let isClosed = false;
    let produced = 0;
    async function* pages() {
      try {
        for (;;) {
          produced++;
          yield "row\n";
        }
      } finally {
        isClosed = true;
      }
    }
    const reader = streamChunks(pages(), "test").getReader();
    await reader.read();
    await reader.cancel();
    expect(isClosed).toBe(true);
    expect(produced).toBeLessThanOrEqual(2);
  });

  it("ends the stream with an error when a page fails", async () => {
    async function* pages() {
      yield "header\n";
      throw new Error("database gone");
    }
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const reader = streamChunks(pages(), "test").getReader();
      await reader.read();
      await expect(reader.read()).rejects.toThrow("database gone");
      expect(errors).toHaveLength(1);
    } finally {
      console.error = original;
    }
  });

  it("names the file with the date in the site's time zone", () => {
    const late = new Date("2026-03-01T23:30:00Z");
    expect(datedFileName("grades", "csv", "UTC", late)).toBe("lesson-lab-grades-2026-03-01.csv");
    expect(datedFileName("runs", "json", "Asia/Tokyo", late)).toBe("lesson-lab-runs-2026-03-02.json");
  });

  it("answers as an attachment that is never cached", () => {
    const response = downloadResponse(new ReadableStream(), "lesson-lab-grades-2026-03-01.csv", "csv");
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="lesson-lab-grades-2026-03-01.csv"');
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });
});
