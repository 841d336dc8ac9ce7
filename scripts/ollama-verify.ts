import { spawnSync } from "node:child_process";
import { makePng } from "../test/ollama-double/png";

// npm run ollama:verify -- --host http://gpu-box:11434 [--models qwen3-vl:4b,...] [--skip-contract]
//
// 1. Runs the Ollama test double's contract tests (what our tests assume Ollama does).
// 2. Probes a real Ollama with what the lab relies on: the version and its engine, image token
//    counts for a tiny and a 1280x720 image through each installed vision model, where a thinking
//    model's answer lands, cold and warm loads seen in /api/ps, and a cancel during a load.
// 3. Prints one table: what the app assumes, what this Ollama did, whether they agree.
// CI runs it against the test double so it cannot rot; people with a GPU run it against theirs.

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
};
const hostOption = option("host");
if (!hostOption) {
  console.error("Usage: npm run ollama:verify -- --host http://127.0.0.1:11434 [--models a,b] [--skip-contract]");
  process.exit(2);
}
const host: string = hostOption;
process.env.OLLAMA_HOST = host;

type Row = { check: string; assumes: string; observed: string; agrees: boolean | null };
const rows: Row[] = [];
const record = (check: string, assumes: string, observed: string, agrees: boolean | null) => {
  rows.push({ check, assumes, observed, agrees });
  console.log(`  ${agrees === null ? "·" : agrees ? "✓" : "✗"} ${check}: ${observed}`);
};

async function contractTests(): Promise<void> {
  console.log("Contract tests of the Ollama test double (what our own tests assume Ollama does)…");
  const started = Date.now();
  const result = spawnSync(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "test/ollama-double", "--reporter=dot"], {
    encoding: "utf8",
    env: { ...process.env, OLLAMA_HOST: "" },
  });
  const summary = /Tests\s+(.*)/.exec((result.stdout ?? "").replace(/\x1b\[[0-9;]*m/g, ""))?.[1]?.trim() ?? "no summary";
  record("double's contract tests", "all pass", `${summary} in ${Math.round((Date.now() - started) / 1000)} s`, result.status === 0);
}

async function probe(): Promise<void> {
  // Imported here: they read OLLAMA_HOST when first loaded.
  const { createOllamaClient, getOllamaStatus } = await import("../lib/ollama/server/client");
  const { getModelCatalogue, listLoadedModels, forgetCatalogue } = await import("../lib/ollama/server/catalogue");
  const { thinkFor } = await import("../lib/ollama/server/chat");
  const { engineOf } = await import("../lib/ollama/engine");
  const { expectedImageTokens, visionFamilyOf } = await import("../lib/images/tokens");
  const { visionOutputJsonSchema } = await import("../lib/lab/schemas");
  const { toOllamaError } = await import("../lib/ollama/errors");
  const { numCtxFor, numPredictFor } = await import("../lib/lab/request-options");
  const { labSettings } = await import("../lib/env-learning-settings");
  const { z } = await import("zod");

  console.log(`\nProbing the Ollama at ${host}…`);
  const status = await getOllamaStatus({ host, timeoutMs: 5000 });
  if (!status.reachable) {
    record("reachable", "answers /api/version", status.error, false);
    return;
  }
  const engine = engineOf(status.version);
  record(
    "version and engine",
    "0.30+ runs llama.cpp's llama-server, 0.13.4 to 0.24 the Go engine",
    `${status.version}: ${engine ?? "unknown (a source build?), assumed llama-server"}`,
    null,
  );
  const rule = engine ?? "llama-server";
  // The lab's own settings (from the environment, with the lab's defaults), so every probe loads and
  // answers the way a lab cell does: Ollama 0.15.5+ picks a 32,768 or 262,144 context on big cards
  // when none is sent, and that model in memory is not the lab's.
  const lab = z.object(labSettings).parse(process.env);
  const labNumCtx = (model: { family: string }) => {
    const family = visionFamilyOf(model.family);
    return numCtxFor(family ? expectedImageTokens(1280, 720, family, rule) : 0);
  };
  forgetCatalogue();
  const catalogue = await getModelCatalogue({ host, refresh: true });
  record(
    "catalogue",
    "every local model described by /api/show; cloud stubs set apart",
    `${catalogue.models.length} local, ${catalogue.unavailable.length} unavailable, ${catalogue.cloud.length} cloud`,
    null,
  );
  const wanted = option("models")?.split(",");
  const vision = catalogue.models.filter((m) => m.kind === "vision" && (!wanted || wanted.includes(m.name)));
  if (!vision.length) record("vision models", "at least one installed", "none installed: pull qwen3-vl:4b-instruct or qwen2.5vl:3b", false);

  const client = createOllamaClient({ host, timeoutMs: 600_000 });
  const promptTokens = async (model: (typeof vision)[number], image: Uint8Array | null, extra: object = {}) => {
    const reply = await client.chat({
      model: model.name,
      messages: [{ role: "user", content: "Describe this in one word.", ...(image ? { images: [image] } : {}) }],
      options: { temperature: 0, num_predict: 1, num_ctx: labNumCtx(model) },
      ...thinkFor(model),
      ...extra,
    });
    return reply.prompt_eval_count ?? 0;
  };

  for (const model of vision) {
    const family = visionFamilyOf(model.family);
    if (!family) {
      record(`${model.name}: image tokens`, "a Qwen-VL family", `family "${model.family}" has no token rule in the app`, null);
      continue;
    }
    let base: number;
    try {
      base = await promptTokens(model, null);
    } catch (error) {
      record(`${model.name}: answers`, "a text prompt works", toOllamaError(error, { host, model: model.name }).message, false);
      continue;
    }
    for (const [w, h] of [
      [1280, 720],
      [20, 20],
    ] as const) {
      const expected = expectedImageTokens(w, h, family, rule);
      try {
        const measured = (await promptTokens(model, makePng(w, h))) - base;
        // A separator token either side is within reason; the grid is what must match.
        record(
          `${model.name}: ${w}x${h} image`,
          `about ${expected} tokens (${rule} rule, +2 markers)`,
          `${measured} tokens`,
          Math.abs(measured - expected) <= 4,
        );
      } catch (error) {
        const e = toOllamaError(error, { host, model: model.name });
        // The Go engine's runner panics on a side under one block; the app pads images to 56 px so it never sends one.
        const expectedCrash = rule !== "llama-server" && w < 32;
        record(
          `${model.name}: ${w}x${h} image`,
          expectedCrash ? "Go engine: the runner crashes (the app pads to 56 px)" : `about ${expected} tokens`,
          `${e.code}: ${e.message.slice(0, 120)}`,
          expectedCrash ? e.code === "RUNNER_CRASHED" : false,
        );
      }
    }
  }

  // Thinking: where the answer lands when a schema format is sent, with the lab's budget.
  for (const model of catalogue.models.filter((m) => m.capabilities.includes("thinking") && (!wanted || wanted.includes(m.name)))) {
    try {
      const numPredict = numPredictFor(thinkFor(model).think, lab);
      const reply = await client.chat({
        model: model.name,
        messages: [{ role: "user", content: "Reply with the JSON only: what is visible? Nothing is attached." }],
        format: visionOutputJsonSchema(),
        options: { temperature: 0, num_predict: numPredict, num_ctx: labNumCtx(model) },
        ...thinkFor(model),
      });
      const content = reply.message.content.trim();
      const thinking = (reply.message.thinking ?? "").trim();
      const assumes = model.isThinkingVariant
        ? "a thinking variant: asked with think:true, thinking first, the answer in content"
        : "honours think:false: the answer in content, no thinking";
      record(
        `${model.name}: thinking`,
        assumes,
        `content ${content.length} chars, thinking ${thinking.length} chars, done_reason ${reply.done_reason || "none"} (num_predict ${numPredict}` +
          `${reply.done_reason === "length" && !content ? ": ran out of the token budget while thinking" : ""})`,
        content.length > 0 && (model.isThinkingVariant || thinking.length === 0),
      );
    } catch (error) {
      record(`${model.name}: thinking`, "answers", toOllamaError(error, { host, model: model.name }).message, false);
    }
  }

  // Cold and warm, from /api/ps; then a cancel during a load.
  const probeModel = vision[0] ?? catalogue.models[0];
  if (probeModel) {
    const options = { num_predict: 1, num_ctx: labNumCtx(probeModel) };
    const unload = () => client.chat({ model: probeModel.name, messages: [], keep_alive: 0 });
    try {
      await unload();
      await new Promise((r) => setTimeout(r, 500));
      const before = (await listLoadedModels({ host })).some((m) => m.name === probeModel.name);
      const cold = await client.chat({ model: probeModel.name, messages: [{ role: "user", content: "Hi" }], options });
      const resident = (await listLoadedModels({ host })).find((m) => m.name === probeModel.name);
      const after = Boolean(resident);
      const warm = await client.chat({ model: probeModel.name, messages: [{ role: "user", content: "Hi" }], options });
      const ms = (ns: number | undefined) => Math.round((ns ?? 0) / 1e6);
      record(
        `${probeModel.name}: cold and warm`,
        "not in /api/ps before a cold request, in it after; a warm load_duration is near 0",
        `before: ${before ? "loaded" : "absent"}, after: ${after ? "loaded" : "absent"}; load ${ms(cold.load_duration)} ms cold, ${ms(warm.load_duration)} ms warm`,
        !before && after && ms(warm.load_duration) < ms(cold.load_duration),
      );
      record(
        `${probeModel.name}: loaded as the lab loads it`,
        `/api/ps context_length ${options.num_ctx} (the lab's num_ctx); size_vram is the bytes of model layers on the GPU`,
        resident
          ? `context_length ${resident.contextLength ?? "not reported"}, size ${resident.sizeBytes.toLocaleString("en")} bytes, size_vram ${resident.vramBytes.toLocaleString("en")} bytes (model layers on GPU ${resident.percentOnGpu}%)`
          : "not listed",
        resident ? resident.contextLength === null || resident.contextLength === options.num_ctx : false,
      );
      await unload();
      await new Promise((r) => setTimeout(r, 500));
      const controller = new AbortController();
      const cancellable = createOllamaClient({ host, timeoutMs: 600_000, signal: controller.signal });
      const started = Date.now();
      setTimeout(() => controller.abort(), 100);
      let outcome = "finished before the cancel took effect";
      try {
        const stream = await cancellable.chat({
          model: probeModel.name,
          messages: [{ role: "user", content: "Count to one hundred." }],
          options: { num_ctx: options.num_ctx, num_predict: lab.LAB_NUM_PREDICT },
          stream: true,
        });
        for await (const part of stream) void part;
      } catch (error) {
        outcome = `${(error as Error).name} after ${Date.now() - started} ms`;
      }
      record(
        `${probeModel.name}: cancel during load`,
        "the request ends within a second of the cancel",
        outcome,
        /AbortError/.test(outcome) && Date.now() - started < 1100,
      );
    } catch (error) {
      record(`${probeModel.name}: loads`, "loads and unloads", toOllamaError(error, { host, model: probeModel.name }).message, false);
    }
  }
}

function table(): string {
  const head = ["check", "the app assumes", "this Ollama did", "agree"];
  const body = rows.map((r) => [r.check, r.assumes, r.observed, r.agrees === null ? "(info)" : r.agrees ? "yes" : "NO"]);
  const escape = (cell: string) => cell.replace(/\|/g, "\\|");
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...body.map((r) => `| ${r.map(escape).join(" | ")} |`)].join(
    "\n",
  );
}

if (!args.includes("--skip-contract")) await contractTests();
await probe();
console.log(`\n${table()}\n`);
const disagreements = rows.filter((r) => r.agrees === false).length;
console.log(disagreements ? `${disagreements} check(s) disagree: see the table.` : "Every check agrees.");
process.exit(disagreements ? 1 : 0);
