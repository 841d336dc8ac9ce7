import { randomUUID } from "node:crypto";
import { percentiles, ms, type Figure } from "../lib/figures";
import { runLoad, type LoadResult } from "../lib/load";
import { signIn } from "../lib/signin";
import { BENCH_PASSWORD, type BenchContext, type Section } from "./context";

// Throughput of the same server, in the same run: a static file it serves (the baseline), then the
// lesson page, the catalogue and the quiz page as a guest and as a signed-in student, and the lab page's shell
// (members only), 50 connections each. A
// signed-in page is the shared HTML plus the reader's own parts (GET /api/me/page): both are
// measured apart, then together as page views (each connection asks for the HTML, then the JSON).

const LESSON = "/lessons/local-qwen-vl";
const CONNECTIONS = 50;
const LESSON_ME = "/api/me/page?lesson=local-qwen-vl";
const CATALOGUE_ME = "/api/me/page?view=catalogue";
const QUIZ = "/lessons/local-qwen-vl/quiz";
const QUIZ_ME = "/api/me/quiz?lesson=local-qwen-vl";
const LAB = "/lessons/local-qwen-vl/lab";
const LAB_ME = "/api/me/lab?lesson=local-qwen-vl";

async function findStylesheet(baseURL: string): Promise<string> {
  const html = await (await fetch(`${baseURL}${LESSON}`)).text();
  const css = html.match(/\/_next\/static\/[^"'\s]+\.css/)?.[0];
  if (!css) throw new Error(`No /_next/static/…css link in ${LESSON}`);
  return css;
}

function resultText(r: LoadResult, baseline: LoadResult | null): string {
  const p = percentiles(r.latencies);
  const parts = [
    `${Math.round(r.requestsPerSecond)} req/s`,
    `p50 ${ms(p.p50)}, p95 ${ms(p.p95)}, p99 ${ms(p.p99)}`,
    `non-2xx ${r.non2xx}`,
    ...(r.errors || r.timeouts ? [`errors ${r.errors}, timeouts ${r.timeouts}`] : []),
  ];
  if (baseline) parts.push(`${(r.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)}x static`);
  return parts.join("; ");
}

const clean = (r: LoadResult) => r.non2xx === 0 && r.errors === 0 && r.timeouts === 0;

async function run(ctx: BenchContext): Promise<Figure[]> {
  const seconds = ctx.quick ? 2 : 8;
  const { createUser } = await import("../../lib/auth/data/users");
  const email = `bench-pages-${randomUUID().slice(0, 8)}@example.test`;
  await createUser({ name: "Bench Student", email, password: BENCH_PASSWORD });
  const session = await signIn(ctx.baseURL, email, BENCH_PASSWORD);
  if (!session.ok) throw new Error(`Signing the student in failed (HTTP ${session.status})`);
  const me = (await (await fetch(`${ctx.baseURL}/api/me/page`, { headers: { cookie: session.cookie } })).json()) as { user: unknown };
  if (!me.user) throw new Error("The session cookie does not sign the student in (/api/me/page says guest)");

  const css = await findStylesheet(ctx.baseURL);
  const targets = [
    { measure: `static file (${css.split("/").pop()})`, path: css, cookie: null, kind: "static" },
    { measure: "lesson page, guest", path: LESSON, cookie: null, kind: "guest" },
    { measure: "catalogue /, guest", path: "/", cookie: null, kind: "guest" },
    { measure: "lesson page, signed-in student: HTML", path: LESSON, cookie: session.cookie, kind: "student" },
    { measure: "catalogue /, signed-in student: HTML", path: "/", cookie: session.cookie, kind: "student" },
    { measure: "lesson page, signed-in: /api/me/page", path: LESSON_ME, cookie: session.cookie, kind: "json" },
    { measure: "catalogue /, signed-in: /api/me/page", path: CATALOGUE_ME, cookie: session.cookie, kind: "json" },
    { measure: "lesson page views, signed-in (HTML + JSON)", path: LESSON, then: LESSON_ME, cookie: session.cookie, kind: "view" },
    { measure: "catalogue / views, signed-in (HTML + JSON)", path: "/", then: CATALOGUE_ME, cookie: session.cookie, kind: "view" },
    // The quiz page's shell is shared too; a member's attempts come from /api/me/quiz (and the open
    // attempt from a POST the bench does not send).
    { measure: "quiz page, guest", path: QUIZ, cookie: null, kind: "guest" },
    { measure: "quiz page, signed-in student: HTML", path: QUIZ, cookie: session.cookie, kind: "student" },
    { measure: "quiz page, signed-in: /api/me/quiz", path: QUIZ_ME, cookie: session.cookie, kind: "json" },
    // The lab page's shell is shared by members (a guest is sent to sign in): served from memory as a
    // guest's page is; the reader's runs, the Ollama pool and the write-up come from /api/me/lab.
    { measure: "lab page, signed-in student: HTML", path: LAB, cookie: session.cookie, kind: "member-shell" },
    { measure: "lab page, signed-in: /api/me/lab", path: LAB_ME, cookie: session.cookie, kind: "json" },
  ] as const;

  const results: LoadResult[] = [];
  for (const t of targets) {
    const headers = t.cookie ? { cookie: t.cookie } : undefined;
    const url = `${ctx.baseURL}${t.path}`;
    const sequence = "then" in t ? [t.path, t.then] : undefined;
    await runLoad({ url, connections: 10, seconds: 1, headers, sequence }); // warm-up, not counted
    ctx.log(`  ${t.measure}: ${CONNECTIONS} connections for ${seconds} s`);
    const r = await runLoad({ url, connections: CONNECTIONS, seconds, headers, sequence });
    // two requests make one page view
    results.push(sequence ? { ...r, requestsPerSecond: r.requestsPerSecond / sequence.length } : r);
  }
  const baseline = results[0]!;
  const guestOf = (path: string) => results[targets.findIndex((t) => t.kind === "guest" && t.path === path)]!;
  return targets.map((t, i): Figure => {
    const r = results[i]!;
    const ratio = r.requestsPerSecond / baseline.requestsPerSecond;
    const p99 = percentiles(r.latencies).p99;
    const figure = { database: ctx.database, section: "Page throughput", measure: t.measure, result: resultText(r, i ? baseline : null) };
    if (t.kind === "static") return { ...figure, target: "baseline; no errors", met: clean(r) };
    if (t.kind === "guest")
      return { ...figure, target: "≥ 0.5x static (aim 0.8x), p99 < 100 ms, no errors", met: ratio >= 0.5 && p99 < 100 && clean(r) };
    if (t.kind === "json") return { ...figure, target: "information (p99 per request)", met: clean(r) ? null : false };
    if (t.kind === "member-shell")
      return { ...figure, target: "as a guest page: ≥ 0.5x static, p99 < 100 ms, no errors", met: ratio >= 0.5 && p99 < 100 && clean(r) };
    const guest = guestOf(t.path);
    const vsGuest = r.requestsPerSecond / guest.requestsPerSecond;
    return {
      ...figure,
      result: `${figure.result}; ${vsGuest.toFixed(2)}x the guest page${t.kind === "view" ? " (page views/s)" : ""}`,
      target: "≥ 0.5x the guest page, p99 < 300 ms, no errors",
      met: vsGuest >= 0.5 && p99 < 300 && clean(r),
    };
  });
}

export const pagesSection: Section = { name: "pages", title: "Page throughput", usesDatabase: true, run };
