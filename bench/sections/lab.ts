import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { describe, ms, percentiles, type Figure } from "../lib/figures";
import { timeFirstTokenDirect, timeFirstTokenThroughLab } from "../lib/lab-timing";
import { BENCH_PASSWORD, type BenchContext, type ChatInterval, type Section } from "./context";

// 1. What the app adds to time-to-first-token, one student at a time (bench/lab.ts's measure).
// 2. A class starting the lab at once: every student's run (text model, vision model, OCR) through
//    the app's runner against the Ollama test double with a fixed latency. Every cell must end DONE
//    or FAILED with a reason, and the test double must never see more chats at once per model than
//    LAB_MODEL_CONCURRENCY (the runner's per-host, per-model queue).

const TTFT_LATENCY = { load: 0, firstToken: 200, perToken: 1 };
const BURST_LATENCY = { load: 0, firstToken: 50, perToken: 0 };
const TEXT_MODEL = "llama3.2:3b";
const VISION_MODEL = "qwen2.5vl:3b";

/** The most requests in flight at once, per model and in all. */
function peakConcurrency(chats: readonly ChatInterval[]): { perModel: Map<string, number>; all: number } {
  const peak = (list: readonly ChatInterval[]) => {
    // End before start at equal times: a request that ended as another started did not overlap it.
    const events = list.flatMap((c) => [
      { t: c.start, d: 1 },
      { t: c.end, d: -1 },
    ]);
    events.sort((a, b) => a.t - b.t || a.d - b.d);
    let now = 0;
    let max = 0;
    for (const e of events) max = Math.max(max, (now += e.d));
    return max;
  };
  const perModel = new Map<string, number>();
  for (const model of new Set(chats.map((c) => c.model))) perModel.set(model, peak(chats.filter((c) => c.model === model)));
  return { perModel, all: peak(chats) };
}

async function run(ctx: BenchContext): Promise<Figure[]> {
  const { createUser } = await import("../../lib/auth/data/users");
  const { env } = await import("../../lib/env");
  const { db } = await import("../../lib/db");
  const { storeLabImage } = await import("../../lib/lab/data/image-store");
  const { startLabRun } = await import("../../lib/lab/data/runs");
  const { waitForIdleRuns } = await import("../../lib/lab/jobs/data/worker");
  const { defaultPrompts } = await import("../../lib/lab/prompts");
  const { getVisionPromptTemplate } = await import("../../lib/content/server/lessons");
  const figures: Figure[] = [];
  const base = { database: ctx.database, section: "Lab" };

  // 1. Time to first token, one run at a time.
  const runs = ctx.quick ? 5 : 20;
  ctx.ollama.setLatency(TTFT_LATENCY);
  ctx.log(`  time to first token: ${runs} runs directly, ${runs} through the lab runner`);
  await timeFirstTokenDirect(ctx.ollama.url, 2); // warm the model and the connection
  const direct = await timeFirstTokenDirect(ctx.ollama.url, runs);
  const soloUser = await createUser({
    name: "Lab Solo",
    email: `bench-lab-${randomUUID().slice(0, 8)}@example.test`,
    password: BENCH_PASSWORD,
  });
  const viaApp = await timeFirstTokenThroughLab(soloUser, runs);
  const added = percentiles(viaApp).p50 - percentiles(direct).p50;
  ctx.report({
    ...base,
    measure: `time to first token added by the app (model first token ${TTFT_LATENCY.firstToken} ms)`,
    result: `p50 +${ms(added)} (direct ${describe(direct, ["p50", "p95"])}; through the runner ${describe(viaApp, ["p50", "p95"])})`,
    target: "p50 < 20 ms added",
    met: added < 20,
  });

  // 2. The burst.
  const students = ctx.quick ? 10 : 30;
  ctx.ollama.setLatency(BURST_LATENCY);
  const users = [];
  for (let i = 0; i < students; i++)
    users.push(
      await createUser({ name: `Lab ${i}`, email: `bench-lab-${randomUUID().slice(0, 8)}@example.test`, password: BENCH_PASSWORD }),
    );
  // One at a time: uploads queue for a decode slot, and a burst of them is refused (503), as it should be.
  const images: Awaited<ReturnType<typeof storeLabImage>>[] = [];
  for (const u of users) images.push(await storeLabImage(u, { sampleId: "settings-screen" }));
  const prompts = defaultPrompts(getVisionPromptTemplate());
  ctx.log(
    `  ${students} students start a run at once (text + vision + OCR; model first token ${BURST_LATENCY.firstToken} ms, no wait between tokens)`,
  );
  const burstStart = Date.now();
  const started = performance.now();
  const startErrors: string[] = [];
  const runIds = (
    await Promise.all(
      users.map((u, i) =>
        startLabRun(u, { imageId: images[i]!.id, textModel: TEXT_MODEL, visionModel: VISION_MODEL, prompts, measureCold: false }).then(
          (r) => r.runId,
          (error: unknown) => {
            startErrors.push(error instanceof Error ? error.message : String(error));
            return null;
          },
        ),
      ),
    )
  ).filter((id): id is string => id !== null);
  await waitForIdleRuns(600_000);
  const wallMs = performance.now() - started;

  const cells = await db.labCell.findMany({
    where: { runId: { in: runIds } },
    select: { status: true, error: true, errorCode: true, column: true, finishedAt: true },
  });
  const runRows = await db.labRun.findMany({ where: { id: { in: runIds } }, select: { status: true } });
  const byStatus = new Map<string, number>();
  for (const c of cells) byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
  const expectedCells = runIds.length * 7; // 3 prompts x 2 models + OCR
  const cleanFailures = cells.filter((c) => c.status === "FAILED" && c.errorCode && c.error).length;
  const failed = byStatus.get("FAILED") ?? 0;
  const done = byStatus.get("DONE") ?? 0;
  const lost = expectedCells - done - cleanFailures;
  const runsOpen = runRows.filter((r) => r.status !== "DONE").length;
  // When the last cell of each kind ended: the model lanes queue per model, OCR on one worker.
  const lastEnd = (model: boolean) =>
    Math.max(0, ...cells.filter((c) => (c.column === "OCR") !== model && c.finishedAt).map((c) => c.finishedAt!.getTime() - burstStart)) /
    1000;
  figures.push({
    ...base,
    measure: `burst: ${students} students start a run at once (model first token ${BURST_LATENCY.firstToken} ms)`,
    result:
      `${cells.length}/${expectedCells} cells: ${done} done, ${failed} failed (${cleanFailures} with a reason), ${lost} lost; ` +
      `${runsOpen} runs not DONE; ${startErrors.length} start errors; model cells done after ${lastEnd(true).toFixed(1)} s, ` +
      `OCR after ${lastEnd(false).toFixed(1)} s, all in ${(wallMs / 1000).toFixed(1)} s`,
    target: "every cell done or failed cleanly, none lost",
    met: startErrors.length === 0 && lost === 0 && runsOpen === 0 && cells.length === expectedCells,
  });
  if (startErrors.length) ctx.log(`  start errors: ${startErrors.slice(0, 3).join(" | ")}`);

  const burstChats = ctx.chats.filter((c) => c.start >= burstStart);
  const { perModel, all } = peakConcurrency(burstChats);
  const limit = env.LAB_MODEL_CONCURRENCY;
  const worst = Math.max(0, ...perModel.values());
  figures.push({
    ...base,
    measure: "burst: chats at once at the Ollama double, per model",
    result: `${[...perModel].map(([m, n]) => `${m} ${n}`).join(", ")}; all models ${all}; ${burstChats.length} chats, each ${describe(
      burstChats.map((c) => c.end - c.start),
      ["p50", "max"],
    )}`,
    target: `≤ LAB_MODEL_CONCURRENCY (${limit}) per model`,
    met: burstChats.length > 0 && worst <= limit,
  });
  return figures;
}

export const labSection: Section = { name: "lab", title: "Lab", usesDatabase: true, run };
