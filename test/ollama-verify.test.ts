import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { expectedImageTokens } from "@/lib/images/tokens";
import { numCtxFor } from "@/lib/lab/request-options";

// `npm run ollama:verify` loads and asks the models the way the lab does, so what it reports about
// someone's Ollama is what the lab will meet: run here against this file's Ollama test double, whose
// request log shows what the script sent.

const ollama = process.env.E2E_OLLAMA_URL!;
type LogEntry = { path: string; model?: string; messages?: number; options?: Record<string, unknown>; format?: unknown; think?: unknown };

describe("npm run ollama:verify", () => {
  it("sends the lab's num_ctx and budgets, and prints done_reason, context_length and size_vram", async () => {
    await fetch(`${ollama}/__test/reset`, { method: "POST", body: "{}" });
    // Not spawnSync: the double answers from this very process.
    const result = await promisify(execFile)(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/ollama-verify.ts", "--host", ollama, "--skip-contract"],
      { encoding: "utf8", env: { ...process.env, LAB_NUM_PREDICT: "900", LAB_THINKING_NUM_PREDICT: "3000" }, timeout: 120_000 },
    );
    // (execFile rejects on a non-zero exit: a disagreement fails here with the table in the error.)
    expect(result.stdout).toContain("Every check agrees.");
    const log = (await (await fetch(`${ollama}/__test/log`)).json()) as LogEntry[];
    const asked = log.filter((e) => e.path === "/api/chat" && (e.messages ?? 0) > 0);
    expect(asked.length).toBeGreaterThan(5);
    // Every question carries a context: none is left to Ollama's own choice (32,768 or 262,144 on big cards).
    const labCtx = numCtxFor(expectedImageTokens(1280, 720, "qwen2.5-vl", "llama-server"));
    expect(asked.every((e) => typeof e.options?.num_ctx === "number")).toBe(true);
    expect(asked.filter((e) => e.model === "qwen2.5vl:3b").every((e) => e.options?.num_ctx === labCtx)).toBe(true);
    // The thinking check uses the lab's budgets: the larger one for a thinking variant.
    const thinking = asked.filter((e) => e.format !== undefined);
    expect(thinking.find((e) => e.model === "qwen3-vl:4b")?.options?.num_predict).toBe(3000);
    expect(thinking.find((e) => e.model === "qwen3:4b")?.options?.num_predict).toBe(900);
    expect(result.stdout).toMatch(/done_reason stop \(num_predict 3000\)/);
    expect(result.stdout).toMatch(/context_length \d+, size [\d,]+ bytes, size_vram [\d,]+ bytes/);
  }, 150_000);
});
