import { performance } from "node:perf_hooks";
import type { SessionUser } from "../../lib/auth/server/session";

// What the app adds to time-to-first-token, against the Ollama test double with a fixed model
// latency: ollama-js streaming straight from Ollama, and the lab's own path (catalogue, runner,
// first token written to the database and pushed to the run's event stream). Shared by
// bench/lab.ts and `npm run bench`. The lib modules are imported late: the caller sets the
// environment (DATA_DIR, DATABASE_URL, OLLAMA_HOST) first.

export const TTFT_MODEL = "llama3.2:3b";

export async function timeFirstTokenDirect(ollamaUrl: string, runs: number, model = TTFT_MODEL): Promise<number[]> {
  const { Ollama } = await import("ollama");
  const client = new Ollama({ host: ollamaUrl });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const stream = await client.chat({ model, messages: [{ role: "user", content: "Hi" }], stream: true });
    for await (const part of stream) {
      if (part.message.content) {
        times.push(performance.now() - started);
        stream.abort();
        break;
      }
    }
  }
  return times;
}

/**
 * One text-only run at a time by `user`: from startLabRun to the first text in the database, the
 * run's stream woken. A first run, not counted, starts the OCR worker and fills the model catalogue.
 */
export async function timeFirstTokenThroughLab(user: SessionUser, runs: number, model = TTFT_MODEL): Promise<number[]> {
  const { storeLabImage } = await import("../../lib/lab/data/image-store");
  const { startLabRun } = await import("../../lib/lab/data/runs");
  const { waitForIdleRuns } = await import("../../lib/lab/jobs/data/worker");
  const { waitForRunChange } = await import("../../lib/lab/server/events");
  const { db } = await import("../../lib/db");
  const image = await storeLabImage(user, { sampleId: "settings-screen" });
  const times: number[] = [];
  for (let i = -1; i < runs; i++) {
    const started = performance.now();
    const { runId } = await startLabRun(user, {
      imageId: image.id,
      textModel: model,
      visionModel: null,
      prompts: { easy: "Hi", task: "Hi", failure: "Hi" },
      measureCold: false,
    });
    for (;;) {
      await waitForRunChange(runId, 50);
      const cell = await db.labCell.findFirst({ where: { runId, column: "TEXT", promptKind: "easy" }, select: { output: true } });
      if (cell?.output) break;
    }
    if (i >= 0) times.push(performance.now() - started);
    await waitForIdleRuns(60_000);
  }
  return times;
}
