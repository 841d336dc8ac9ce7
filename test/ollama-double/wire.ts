import { type IncomingMessage, type ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";

/** An error Ollama answers before any output: status plus `{"error": message}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** JSON the way Go's encoding/json writes it: HTML characters and U+2028/2029 escaped. */
export function toGoJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = Buffer.from(toGoJson(body), "utf8");
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": payload.length });
  res.end(payload);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" });
  res.end(text);
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Waits `ms`, or throws an AbortError as soon as `signal` fires (client gone, server closing). */
export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  if (ms > 0) await delay(ms, undefined, { signal });
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}

/**
 * Writes NDJSON the awkward way real networks deliver it: every line goes out in two writes, cut
 * inside its first multi-byte UTF-8 character when it has one (so a decoder that is not streaming
 * breaks), otherwise in the middle. A short pause between the writes keeps them in separate reads.
 */
export class FragmentedNdjsonWriter {
  constructor(
    private readonly res: ServerResponse,
    private readonly signal: AbortSignal,
    private readonly gapMs: number,
    private readonly onStart?: () => void,
  ) {}

  /** Headers go out with the first line, as with Ollama: until then an error can still be a status. */
  async writeLine(value: unknown): Promise<void> {
    if (!this.res.headersSent) {
      this.onStart?.();
      this.res.writeHead(200, { "Content-Type": "application/x-ndjson" });
    }
    const bytes = Buffer.from(`${toGoJson(value)}\n`, "utf8");
    const cut = findCut(bytes);
    this.res.write(bytes.subarray(0, cut));
    await sleep(this.gapMs, this.signal);
    this.res.write(bytes.subarray(cut));
  }
}

function findCut(bytes: Buffer): number {
  const multiByteStart = bytes.findIndex((byte) => byte >= 0xc0);
  if (multiByteStart >= 0) return multiByteStart + 1;
  return Math.max(1, Math.floor(bytes.length / 2));
}

/** Go's encoding/json message for a value of the wrong JSON type in a request field. */
export function unmarshalError(value: unknown, field: string, goType: string): HttpError {
  return new HttpError(400, `json: cannot unmarshal ${jsonKind(value)} into Go struct field ${field} of type ${goType}`);
}

export function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  if (typeof value === "boolean") return "bool";
  return typeof value;
}

/**
 * Parses a request body like gin's ShouldBindJSON: empty means "missing request body", a syntax
 * error gets a Go-like decoder message, and the top level must be an object.
 */
export function parseJsonBody(text: string, goType: string): Record<string, unknown> {
  if (text.trim() === "") throw new HttpError(400, "missing request body");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, goSyntaxMessage(text, error));
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new HttpError(400, `json: cannot unmarshal ${jsonKind(value)} into Go value of type ${goType}`);
  }
  return value as Record<string, unknown>;
}

function goSyntaxMessage(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  if (/end of (JSON )?input|Unterminated/i.test(message)) return "unexpected EOF";
  const position = /position (\d+)/.exec(message)?.[1];
  const character = position !== undefined ? text[Number(position)] : /Unexpected token '?(.)/.exec(message)?.[1];
  return character === undefined ? "unexpected EOF" : `invalid character '${character}' looking for beginning of value`;
}
