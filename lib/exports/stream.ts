// Turning rows produced page by page into a download. Pure (web streams only), so it is tested
// without a server.

/**
 * A byte stream that asks `chunks` for the next piece only when the reader wants more: with the
 * default high-water mark the database is read at most one page ahead of the network, and a
 * download the browser abandons stops the reading (the generator's finally blocks run).
 */
export function streamChunks(chunks: AsyncIterable<string>, scope: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) controller.close();
        else if (next.value) controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        // The headers are sent: the download ends early, and the server log says why.
        console.error(`[${scope}]`, error);
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** "lesson-lab-grades-2026-05-01.csv": the date in the site's time zone. */
export function datedFileName(base: string, extension: "csv" | "json", timeZone: string, now = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD, which sorts and is read the same everywhere.
  const day = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  return `lesson-lab-${base}-${day}.${extension}`;
}

export const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", json: "application/json; charset=utf-8" } as const;

/** A streamed attachment: never cached, since it holds student data. */
export function downloadResponse(body: ReadableStream<Uint8Array>, fileName: string, kind: keyof typeof CONTENT_TYPES): Response {
  return new Response(body, {
    headers: {
      "Content-Type": CONTENT_TYPES[kind],
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
