/**
 * Reads a streamed NDJSON response body, handing each parsed line over as it arrives (a line cut
 * between two chunks waits for the rest). Throws what the stream throws (an abort, a dropped connection).
 */
export async function readNdjson<T>(body: NonNullable<Response["body"]>, onEvent: (event: T) => void): Promise<void> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) if (line.trim()) onEvent(JSON.parse(line) as T);
  }
}
