import { randomUUID } from "node:crypto";
import { request } from "node:http";
import type { Figure } from "../lib/figures";
import { signIn } from "../lib/signin";
import { BENCH_PASSWORD, type BenchContext, type Section } from "./context";

// What a page weighs and what a render costs (issue 28): the lesson page's and the catalogue's HTML
// as sent (raw, and compressed as the server sends it to a browser), the share of it that is the React Server
// Components payload (the inline `self.__next_f.push` scripts), and the app's CPU per request, as a
// guest and signed in (both served from the front door's cache), and what the signed-in reader's
// own parts (GET /api/me/page) weigh and cost.

const PAGES = [
  { name: "lesson page", path: "/lessons/local-qwen-vl", limitKb: 150 },
  { name: "catalogue /", path: "/", limitKb: null },
] as const;

/** The body as sent for this Accept-Encoding, undecoded: its length is what crosses the wire. */
function fetchRaw(url: string, headers: Record<string, string>): Promise<{ body: Buffer; encoding: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      const encoding = String(res.headers["content-encoding"] ?? "identity");
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        res.statusCode === 200 ? resolve({ body: Buffer.concat(chunks), encoding }) : reject(new Error(`${url}: HTTP ${res.statusCode}`)),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** Bytes of the inline RSC payload: the string arguments of every self.__next_f.push([...]) script. */
export function rscPayloadBytes(html: string): number {
  let total = 0;
  for (const match of html.matchAll(/<script[^>]*>(self\.__next_f\.push\([\s\S]*?\))<\/script>/g)) total += Buffer.byteLength(match[1]!);
  return total;
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

async function cpuPerRequest(ctx: BenchContext, url: string, cookie: string | null, count: number): Promise<number | null> {
  const headers = cookie ? { cookie } : undefined;
  await fetch(url, { headers }).then((r) => r.arrayBuffer()); // warm
  const before = ctx.serverCpuMs();
  for (let i = 0; i < count; i++) await fetch(url, { headers }).then((r) => r.arrayBuffer());
  const after = ctx.serverCpuMs();
  return before === null || after === null ? null : (after - before) / count;
}

async function run(ctx: BenchContext): Promise<Figure[]> {
  const { createUser } = await import("../../lib/auth/data/users");
  const email = `bench-weight-${randomUUID().slice(0, 8)}@example.test`;
  await createUser({ name: "Bench Student", email, password: BENCH_PASSWORD });
  const session = await signIn(ctx.baseURL, email, BENCH_PASSWORD);
  if (!session.ok) throw new Error(`Signing the student in failed (HTTP ${session.status})`);
  const count = ctx.quick ? 10 : 40;
  const figures: Figure[] = [];
  for (const page of PAGES) {
    const url = `${ctx.baseURL}${page.path}`;
    for (const reader of ["guest", "signed-in student"] as const) {
      const cookie = reader === "guest" ? null : session.cookie;
      const base: Record<string, string> = cookie ? { cookie } : {};
      const raw = (await fetchRaw(url, { ...base, "accept-encoding": "identity" })).body;
      // What a browser asks for; the answer says which encoding the server chose.
      const sent = await fetchRaw(url, { ...base, "accept-encoding": "gzip, deflate, br" });
      const html = raw.toString("utf8");
      const payload = rscPayloadBytes(html);
      const section = "Page weight and render cost";
      const result = `${kb(raw.length)} HTML (${kb(sent.body.length)} as sent, ${sent.encoding}); RSC payload ${kb(payload)} (${Math.round((payload / raw.length) * 100)}%)`;
      figures.push({
        database: ctx.database,
        section,
        measure: `${page.name}, ${reader}: bytes`,
        result,
        target: page.limitKb ? `HTML ≤ ${page.limitKb} kB` : "information",
        met: page.limitKb ? raw.length <= page.limitKb * 1000 : null,
      });
      const cpu = await cpuPerRequest(ctx, url, cookie, count);
      ctx.log(`  ${page.name}, ${reader}: ${result}; ${cpu === null ? "CPU not readable" : `${cpu.toFixed(1)} ms CPU per request`}`);
      figures.push({
        database: ctx.database,
        section,
        measure: `${page.name}, ${reader}: app CPU per request`,
        result:
          cpu === null
            ? "not measured (no /proc)"
            : `${cpu.toFixed(1)} ms (${count} requests one after another, front door and Next.js together)`,
        target: "information",
        met: null,
      });
    }
  }
  // The signed-in reader's own parts, which every member's page view fetches beside the shared HTML.
  for (const [name, path] of [
    ["lesson page", "/api/me/page?lesson=local-qwen-vl"],
    ["catalogue /", "/api/me/page?view=catalogue"],
  ] as const) {
    const cpu = await cpuPerRequest(ctx, `${ctx.baseURL}${path}`, session.cookie, count);
    const bytes = (await (await fetch(`${ctx.baseURL}${path}`, { headers: { cookie: session.cookie } })).arrayBuffer()).byteLength;
    figures.push({
      database: ctx.database,
      section: "Page weight and render cost",
      measure: `${name}, signed-in student: ${path}`,
      result: `${kb(bytes)} JSON; ${cpu === null ? "CPU not measured (no /proc)" : `${cpu.toFixed(1)} ms app CPU per request`}`,
      target: "information",
      met: null,
    });
  }
  return figures;
}

export const pageWeightSection: Section = { name: "weight", title: "Page weight and render cost", usesDatabase: true, run };
