import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { READER_HEADER, RENDER_NONCE_HEADER } from "@/lib/http/render-nonce";
import { labPageUrl } from "@/lib/lab/types";
import { readerPageUrl, readerQueryFor } from "@/lib/reader/types";

// Every reader sees the same lesson page and catalogue (their own parts arrive from
// `GET /api/me/page`), so the front door (scripts/server.ts) renders each once through Next.js and
// serves the HTML from memory, with a fresh CSP nonce stamped into it per response: the policy
// stays nonce-based and strict while a class opening the lesson at once costs one render, not a
// hundred. Renders are made with a placeholder nonce (random per process, never sent to a
// browser) that is replaced on every hit, and a placeholder reader flag replaced by "member" when
// the request carries a session cookie, "guest" otherwise (`<html data-reader>`: CSS shows the
// right header variant before any script runs).
//
// Only the exact paths below (the lab page only for a request with a session cookie), GET or
// HEAD, without a query string or any of Next's client-navigation headers; the render request
// carries no cookies at all, so what is cached is what any guest would get, and those routes never
// read the session (a test walks their imports).
// Anything else goes to Next.js as before.

/** Request header proving a render request came from this process's cache. */
export const FILL_HEADER = "x-lesson-lab-cache-fill";

const CACHEABLE_PATHS = [/^\/$/, /^\/lessons\/[a-z0-9-]{1,100}$/, /^\/lessons\/[a-z0-9-]{1,100}\/quiz$/];
/** Pages only members may open: cached for requests with a session cookie (the others are sent to sign in, proxy.ts). */
const LAB_PATH = /^\/lessons\/([a-z0-9-]{1,100})\/lab$/;
const MEMBER_PATHS = [LAB_PATH];
const NEXT_CLIENT_HEADERS = ["rsc", "next-router-prefetch", "next-router-state-tree", "next-action", "next-url"];
const DROPPED_HEADERS = new Set(["content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive", "date", "etag"]);
/** below this compressing costs more than it saves */
const COMPRESS_MIN_BYTES = 1024;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

function preferredEncoding(accept: string | string[] | undefined): "br" | "gzip" | null {
  const offered = String(accept ?? "")
    .split(",")
    .map((part) => part.trim().split(";"))
    .filter(([, q]) => !q || !/^\s*q=0(\.0*)?\s*$/.test(q))
    .map(([name]) => name!.toLowerCase());
  if (offered.includes("br")) return "br";
  if (offered.includes("gzip")) return "gzip";
  return null;
}

type Entry = {
  /** the HTML split at every placeholder (nonce or reader flag), encoded once */
  body: (Buffer | "nonce" | "reader")[];
  /** every header (the policy, Link preloads) split the same way */
  headers: [string, string[]][];
  storedAt: number;
};

export type SharedPageCacheOptions = {
  /** where this server listens (the cache renders through it) */
  origin: string;
  ttlMs: number;
  hasSessionCookie: (cookie: string | undefined) => boolean;
  createNonce: () => string;
  fetch?: typeof fetch;
  now?: () => number;
};

export class SharedPageCache {
  readonly fillSecret = randomBytes(24).toString("base64url");
  /** looks like a nonce (base64 of 16 bytes) so the HTML's length and shape do not change */
  readonly placeholder = randomBytes(16).toString("base64");
  /** stands for the reader flag in a render (letters only, so no escaping changes it) */
  readonly readerPlaceholder = `reader${randomBytes(12).toString("hex")}`;
  private readonly entries = new Map<string, Entry>();
  private readonly filling = new Map<string, Promise<Entry | null>>();
  private readonly fetch: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly options: SharedPageCacheOptions) {
    this.fetch = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
  }

  /** Strips the render-nonce header unless this request is the cache's own render. */
  admit(req: IncomingMessage): "fill" | "client" {
    if (req.headers[FILL_HEADER] === this.fillSecret) return "fill";
    delete req.headers[RENDER_NONCE_HEADER];
    delete req.headers[READER_HEADER];
    delete req.headers[FILL_HEADER];
    return "client";
  }

  /** The path this request may be served from the cache under, or null. */
  keyFor(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): string | null {
    if (this.options.ttlMs <= 0 || (method !== "GET" && method !== "HEAD") || !url) return null;
    if (url.includes("?")) return null;
    const isShared =
      CACHEABLE_PATHS.some((re) => re.test(url)) ||
      (MEMBER_PATHS.some((re) => re.test(url)) && this.options.hasSessionCookie(headers.cookie));
    if (!isShared) return null;
    if (NEXT_CLIENT_HEADERS.some((name) => headers[name] !== undefined)) return null;
    // A page inside a course site's frame carries its own frame-ancestors (proxy.ts); the cached
    // copy's headers forbid framing.
    if (headers["sec-fetch-dest"] === "iframe") return null;
    return url;
  }

  /** Serves the page from the cache (rendering it first if needed); false when it cannot be cached. */
  async serve(key: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    let entry = this.entries.get(key);
    if (!entry) entry = (await this.fill(key)) ?? undefined;
    else if (this.now() - entry.storedAt > this.options.ttlMs) void this.fill(key); // stale while it renders again
    if (!entry) return false;

    const nonce = this.options.createNonce();
    const isMember = this.options.hasSessionCookie(req.headers.cookie);
    const stamps = { nonce: Buffer.from(nonce), reader: Buffer.from(isMember ? "member" : "guest") };
    const html = Buffer.concat(entry.body.map((part) => (typeof part === "string" ? stamps[part] : part)));
    const encoding = html.length >= COMPRESS_MIN_BYTES ? preferredEncoding(req.headers["accept-encoding"]) : null;
    // The fastest settings: a 270 kB lesson page takes about 0.6 ms (br) or 1.4 ms (gzip) and
    // shrinks about four times; a higher level saves a few kB for twice the time.
    const payload =
      encoding === "br"
        ? brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_SIZE_HINT]: html.length } })
        : encoding === "gzip"
          ? gzipSync(html, { level: 1 })
          : html;
    for (const [name, parts] of entry.headers) res.setHeader(name, parts.join(nonce));
    // A member's own parts: the browser fetches them while it parses the page (lib/reader/types.ts).
    // `anonymous` is the credentials mode of the store's same-origin fetch (cookies go along), so
    // the browser hands that fetch the preloaded answer instead of asking again.
    if (isMember) {
      res.appendHeader("Link", `<${readerPageUrl(readerQueryFor(key))}>; rel=preload; as=fetch; crossorigin=anonymous`);
      const lab = LAB_PATH.exec(key)?.[1];
      if (lab) res.appendHeader("Link", `<${labPageUrl(lab, null)}>; rel=preload; as=fetch; crossorigin=anonymous`);
    }
    res.setHeader("Content-Length", payload.length);
    res.setHeader("Vary", "Accept-Encoding, Cookie");
    res.setHeader("X-Page-Cache", "hit");
    if (encoding) res.setHeader("Content-Encoding", encoding);
    res.writeHead(200);
    res.end(req.method === "HEAD" ? undefined : payload);
    return true;
  }

  /** Renders `key` once however many requests ask at the same moment. */
  private fill(key: string): Promise<Entry | null> {
    const pending = this.filling.get(key);
    if (pending) return pending;
    const job = this.render(key)
      .then((entry) => {
        if (entry) this.entries.set(key, entry);
        else this.entries.delete(key);
        return entry;
      })
      .catch(() => null)
      .finally(() => this.filling.delete(key));
    this.filling.set(key, job);
    return job;
  }

  private async render(key: string): Promise<Entry | null> {
    const response = await this.fetch(new URL(key, this.options.origin), {
      headers: {
        [FILL_HEADER]: this.fillSecret,
        [RENDER_NONCE_HEADER]: this.placeholder,
        [READER_HEADER]: this.readerPlaceholder,
        "accept-encoding": "identity",
      },
      redirect: "manual",
    });
    const html = await response.text();
    const csp = response.headers.get("content-security-policy") ?? "";
    const type = response.headers.get("content-type") ?? "";
    // Only a plain, complete guest page: anything that sets a cookie, redirects, fails or was not
    // rendered with the placeholder is left to Next.js per request.
    if (response.status !== 200 || response.headers.has("set-cookie") || !type.startsWith("text/html")) return null;
    if (!csp.includes(`'nonce-${this.placeholder}'`) || !html.includes(`nonce="${this.placeholder}"`)) return null;
    // Rendered for no one in particular: the flag is still the placeholder (a render that knew its reader would not be).
    if (!html.includes(`data-reader="${this.readerPlaceholder}"`)) return null;
    const headers: [string, string[]][] = [];
    response.headers.forEach((value, name) => {
      if (!DROPPED_HEADERS.has(name) && !name.startsWith("x-nextjs")) headers.push([name, value.split(this.placeholder)]);
    });
    const body = html
      .split(new RegExp(`(${escapeRegExp(this.placeholder)}|${this.readerPlaceholder})`))
      .map((part) => (part === this.placeholder ? "nonce" : part === this.readerPlaceholder ? "reader" : Buffer.from(part)));
    return { body, headers, storedAt: this.now() };
  }
}
