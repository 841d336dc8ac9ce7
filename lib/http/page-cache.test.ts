import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { FILL_HEADER, SharedPageCache } from "@/lib/http/page-cache";
import { READER_HEADER, RENDER_NONCE_HEADER } from "@/lib/http/render-nonce";

const hasSessionCookie = (cookie: string | undefined) => /authjs\.session-token=/.test(cookie ?? "");
let counter = 0;
const createNonce = () => `nonce${++counter}`.padEnd(24, "x");

/** A front door like scripts/server.ts with a fake Next.js that renders with the nonce it is given. */
async function frontDoor(render: (nonce: string, headers: IncomingHttpHeaders) => { status?: number; headers?: Record<string, string> }) {
  let renders = 0;
  let now = 0;
  const ref: { cache?: SharedPageCache } = {};
  const server: Server = createServer((req, res) => {
    const cache = ref.cache!;
    const isFill = cache.admit(req) === "fill";
    const key = isFill ? null : cache.keyFor(req.method, req.url, req.headers);
    const next = () => {
      renders++;
      const nonce = String(req.headers[RENDER_NONCE_HEADER] ?? createNonce());
      const out = render(nonce, req.headers);
      res.writeHead(out.status ?? 200, {
        "content-type": "text/html; charset=utf-8",
        "content-security-policy": `script-src 'nonce-${nonce}' 'strict-dynamic'`,
        "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate",
        link: `</a.css>; rel=preload; as="style"; nonce="${nonce}"`,
        ...out.headers,
      });
      // as the layout does: the flag from the request header, also inside the RSC payload's copy
      const reader = String(req.headers[READER_HEADER] ?? "guest");
      res.end(
        `<html data-reader="${reader}"><script nonce="${nonce}">go()</script><p>${"lesson ".repeat(400)}</p>` +
          `<script nonce="${nonce}">self.__next_f.push([1,"{\\"data-reader\\":\\"${reader}\\"}"])</script></html>`,
      );
    };
    if (key) void cache.serve(key, req, res).then((served) => served || next());
    else next();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ref.cache = new SharedPageCache({ origin, ttlMs: 60_000, hasSessionCookie, createNonce, now: () => now });
  servers.push(server);
  return {
    origin,
    renders: () => renders,
    advance: (ms: number) => (now += ms),
    get: (path: string, headers: Record<string, string> = {}) => fetch(origin + path, { headers }),
  };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

describe("the guest page cache", () => {
  it("renders a guest's lesson page once and stamps a fresh nonce into the HTML and the policy of every response", async () => {
    const door = await frontDoor(() => ({}));
    const responses = await Promise.all(Array.from({ length: 20 }, () => door.get("/lessons/local-qwen-vl")));
    expect(door.renders()).toBe(1);
    const nonces = new Set<string>();
    for (const response of responses) {
      const html = await response.text();
      const nonce = nonceOf(response.headers.get("content-security-policy"))!;
      expect(response.status).toBe(200);
      expect(response.headers.get("x-page-cache")).toBe("hit");
      expect(response.headers.get("cache-control")).toContain("no-store");
      expect(html).toContain(`<script nonce="${nonce}">`);
      expect(response.headers.get("link")).toContain(`nonce="${nonce}"`);
      nonces.add(nonce);
    }
    expect(nonces.size).toBe(20);
  });

  it("never lets a client choose the nonce or pose as the cache's own render", async () => {
    const door = await frontDoor(() => ({}));
    const forged = await door.get("/lessons/x?y=1", { [RENDER_NONCE_HEADER]: "attacker", [FILL_HEADER]: "guess" });
    expect(nonceOf(forged.headers.get("content-security-policy"))).not.toBe("attacker");
    expect(await forged.text()).not.toContain("attacker");
    // and the placeholder the cache renders with never reaches a browser
    const hit = await door.get("/");
    const raw = JSON.stringify([...hit.headers]) + (await hit.text());
    expect(raw).not.toMatch(/nonce-?="?[A-Za-z0-9+/]{22}==/);
  });

  it("serves members the same render, flagged as a member's, with their own parts preloaded", async () => {
    const door = await frontDoor(() => ({}));
    const guest = await door.get("/lessons/local-qwen-vl");
    const member = await door.get("/lessons/local-qwen-vl", { cookie: "theme=dark; authjs.session-token=abc" });
    const [guestHtml, memberHtml] = [await guest.text(), await member.text()];
    expect(door.renders()).toBe(1);
    expect(member.headers.get("x-page-cache")).toBe("hit");
    expect(guestHtml).toContain('<html data-reader="guest">');
    expect(memberHtml).toContain('<html data-reader="member">');
    // the payload's copy is stamped too, so hydration matches the HTML
    expect(memberHtml).toContain('\\"data-reader\\":\\"member\\"');
    expect(memberHtml.replaceAll("member", "guest").replace(/nonce\d+x*/g, "")).toBe(guestHtml.replace(/nonce\d+x*/g, ""));
    expect(member.headers.get("link")).toContain("</api/me/page?lesson=local-qwen-vl>; rel=preload; as=fetch; crossorigin=anonymous");
    expect(guest.headers.get("link")).not.toContain("/api/me/page");
    expect(member.headers.get("vary")).toBe("Accept-Encoding, Cookie");
    const home = await door.get("/", { cookie: "authjs.session-token=abc" });
    expect(home.headers.get("link")).toContain("</api/me/page?view=catalogue>");
    // the quiz page is one render too; its questions and attempts come from the reader's own requests
    await door.get("/lessons/local-qwen-vl/quiz");
    const quiz = await door.get("/lessons/local-qwen-vl/quiz", { cookie: "authjs.session-token=abc" });
    expect(quiz.headers.get("x-page-cache")).toBe("hit");
    expect(await quiz.text()).toContain('<html data-reader="member">');
    expect(quiz.headers.get("link")).toContain("</api/me/page?lesson=local-qwen-vl>");
    expect(door.renders()).toBe(3);
  });

  it("keeps the lab page's one render for members only, and preloads the member's lab", async () => {
    const door = await frontDoor(() => ({}));
    // without a session cookie Next.js answers (proxy.ts sends the reader to sign in), every time
    await door.get("/lessons/local-qwen-vl/lab");
    const guest = await door.get("/lessons/local-qwen-vl/lab");
    expect(guest.headers.get("x-page-cache")).toBeNull();
    expect(door.renders()).toBe(2);
    const cookie = "authjs.session-token=abc";
    const first = await door.get("/lessons/local-qwen-vl/lab", { cookie });
    const second = await door.get("/lessons/local-qwen-vl/lab", { cookie: "authjs.session-token=xyz" });
    expect(door.renders()).toBe(3);
    expect(second.headers.get("x-page-cache")).toBe("hit");
    expect(await second.text()).toBe((await first.text()).replace(/nonce\d+x*/g, nonceOf(second.headers.get("content-security-policy"))!));
    expect(second.headers.get("link")).toContain("</api/me/lab?lesson=local-qwen-vl>; rel=preload; as=fetch; crossorigin=anonymous");
    expect(second.headers.get("link")).toContain("</api/me/page?lesson=local-qwen-vl>");
    // a run's address goes to Next.js, whose render is the same shell
    const run = await door.get("/lessons/local-qwen-vl/lab?run=abc", { cookie });
    expect(run.headers.get("x-page-cache")).toBeNull();
    expect(door.renders()).toBe(4);
  });

  it("never lets a client choose the reader flag, and keeps no render that knew its reader", async () => {
    const door = await frontDoor(() => ({}));
    const forged = await door.get("/", { [READER_HEADER]: "member" });
    expect(await forged.text()).toContain('data-reader="guest"');
    // a render that did not come out with the placeholder flag is left to Next.js per request
    const knowing = await frontDoor((_nonce, headers) => {
      headers[READER_HEADER] = "member";
      return {};
    });
    expect((await knowing.get("/")).headers.get("x-page-cache")).toBeNull();
    expect((await knowing.get("/")).headers.get("x-page-cache")).toBeNull();
  });

  it("leaves queries, client navigations, other paths and other methods to Next.js", async () => {
    const door = await frontDoor(() => ({}));
    await door.get("/");
    const before = door.renders();
    for (const [path, headers] of [
      ["/?tab=1", {}],
      ["/", { rsc: "1" }],
      ["/lessons/local-qwen-vl/quiz?attempt=abc", {}],
      ["/lessons/local-qwen-vl/lab", {}],
      ["/instructor", {}],
      // inside a course site's frame (an LTI launch): its own frame-ancestors, never the cached copy's
      ["/", { "sec-fetch-dest": "iframe" }],
    ] as const) {
      const response = await door.get(path, headers);
      expect(response.headers.get("x-page-cache"), path).toBeNull();
    }
    const post = await fetch(door.origin + "/", { method: "POST" });
    expect(post.headers.get("x-page-cache")).toBeNull();
    expect(door.renders()).toBe(before + 7);
  });

  it("never caches a page that sets a cookie or fails, and renders a stale page again in the background", async () => {
    let status = 500;
    const door = await frontDoor(() => ({ status }));
    expect((await door.get("/")).headers.get("x-page-cache")).toBeNull();
    expect((await door.get("/")).headers.get("x-page-cache")).toBeNull();
    status = 200;
    expect((await door.get("/")).headers.get("x-page-cache")).toBe("hit");
    const renders = door.renders();
    door.advance(61_000);
    expect((await door.get("/")).headers.get("x-page-cache")).toBe("hit"); // the stale copy, at once
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(door.renders()).toBe(renders + 1);

    const cookieDoor = await frontDoor(() => ({ headers: { "set-cookie": "a=b" } }));
    expect((await cookieDoor.get("/")).headers.get("x-page-cache")).toBeNull();
    expect((await cookieDoor.get("/")).headers.get("x-page-cache")).toBeNull();
  });

  it("compresses for clients that accept it (brotli first), and answers HEAD without a body", async () => {
    const door = await frontDoor(() => ({}));
    /** The body as sent (not decoded) and the encoding the cache chose for this Accept-Encoding. */
    const raw = (acceptEncoding: string) =>
      new Promise<{ encoding: unknown; body: Buffer }>((resolve, reject) => {
        const req = httpRequest(door.origin + "/", { headers: { "accept-encoding": acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res
            .on("data", (c: Buffer) => chunks.push(c))
            .on("end", () => resolve({ encoding: res.headers["content-encoding"], body: Buffer.concat(chunks) }));
        });
        req.on("error", reject).end();
      });
    const gzip = await raw("gzip");
    expect(gzip.encoding).toBe("gzip");
    expect(gunzipSync(gzip.body).toString()).toContain("<script nonce=");
    const br = await raw("gzip, deflate, br;q=1, zstd");
    expect(br.encoding).toBe("br");
    expect(brotliDecompressSync(br.body).toString()).toContain("<script nonce=");
    const head = await fetch(door.origin + "/", { method: "HEAD" });
    expect(head.headers.get("x-page-cache")).toBe("hit");
    expect(await head.text()).toBe("");
  });
});
