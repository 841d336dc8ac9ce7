import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { parse as parseYaml } from "yaml";
import { modelFactsSchema } from "../lib/content/schema";
import { formatNumber } from "../lib/format";
import { estimateImageCost, ASSUMED_PREFILL_TOKENS_PER_SECOND } from "../lib/images/image-cost";
import { estimateModelFit, GB } from "../lib/models/model-fit";
import { ASSUMED_KV_BYTES_PER_TOKEN, type Fit } from "../lib/models/memory";
import { expectAccessible } from "./support/a11y";
import { expect, test } from "./support/fixtures";
import { LessonPage } from "./support/lesson-page";

// The lesson's explorables, charts, diagram and objectives, as a reader meets them. Expected
// numbers come from the same lib functions the page runs, so the page is checked against them.

const flagship = "local-qwen-vl";
const catalogue = modelFactsSchema.parse(parseYaml(readFileSync(path.resolve("content", "models.yaml"), "utf8")));
const downloadOf = (tag: string) => catalogue.models.find((m) => m.tag === tag)!.downloadBytes;

class TokenExplorer {
  readonly region: Locator;
  readonly result: Locator;
  constructor(page: Page) {
    this.region = page.getByRole("region", { name: "Try it: image size to image tokens" });
    this.result = this.region.getByTestId("token-explorer-result");
  }
  field(label: string) {
    return this.region.getByLabel(label, { exact: true });
  }
}

class MemoryExplorer {
  readonly region: Locator;
  readonly result: Locator;
  constructor(page: Page) {
    this.region = page.getByRole("region", { name: "Try it: will it fit on your machine?" });
    this.result = this.region.getByTestId("memory-explorer-result");
  }
  field(label: string) {
    return this.region.getByLabel(label, { exact: true });
  }
}

/** The words the memory explorable uses for a fit. */
function fitWords(fit: Fit): string {
  if (fit.kind === "gpu") return "All on the GPU";
  if (fit.kind === "cpu") return "CPU only";
  if (fit.kind === "none") return "Won't fit";
  return `Split: ${formatNumber(fit.percentOnGpu, fit.percentOnGpu < 99.5 ? 0 : 1)}% on the GPU`;
}

test.describe("the token explorable", () => {
  test("starts from a full-HD screenshot the lab resizes, rendered on the server", async ({ browser }) => {
    // Without JavaScript the starting state is already on the page.
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`/lessons/${flagship}`);
    const explorer = new TokenExplorer(page);
    const cost = estimateImageCost({
      width: 1920,
      height: 1080,
      family: "qwen2.5-vl",
      engine: "llama-server",
      resizeForLab: true,
      prefillTokensPerSecond: ASSUMED_PREFILL_TOKENS_PER_SECOND,
    });
    await expect(explorer.result).toContainText(`About ${formatNumber(cost.tokens)} image tokens`);
    await expect(explorer.result).toContainText("1,280 × 720 px");
    await expect(explorer.field("Image width (px)")).toHaveValue("1920");
    await context.close();
  });

  test("follows width, height, family, engine, resize and speed with the lab's own numbers", async ({ page }) => {
    await new LessonPage(page).open(flagship);
    const explorer = new TokenExplorer(page);
    await expect(explorer.result).toHaveAttribute("aria-live", "polite");

    const cases = [
      { width: 2560, height: 1600, family: "qwen3-vl", engine: "llama-server", resize: true, speed: 500 },
      { width: 1920, height: 1080, family: "qwen2.5-vl", engine: "go", resize: false, speed: 500 },
      { width: 1920, height: 1080, family: "qwen2.5-vl", engine: "go-1mp", resize: false, speed: 250 },
      { width: 3840, height: 2160, family: "qwen3-vl", engine: "go", resize: false, speed: 800 },
      { width: 400, height: 300, family: "qwen2.5-vl", engine: "llama-server", resize: true, speed: 500 },
    ] as const;
    const engineLabel = {
      "llama-server": "0.30 and later (llama.cpp)",
      go: "0.13.4 to 0.24 (Go engine)",
      "go-1mp": "Before 0.13.4 (Go engine)",
    };
    for (const c of cases) {
      await explorer.field("Image width (px)").fill(String(c.width));
      await explorer.field("Image height (px)").fill(String(c.height));
      await explorer.field("Model family").selectOption({ label: c.family === "qwen3-vl" ? "Qwen3-VL" : "Qwen2.5-VL" });
      await explorer.field("Ollama version").selectOption({ label: engineLabel[c.engine] });
      await explorer.field("Resize as the lab does").setChecked(c.resize);
      await explorer.field("Prefill speed (tokens/s)").fill(String(c.speed));
      const cost = estimateImageCost({
        width: c.width,
        height: c.height,
        family: c.family,
        engine: c.engine,
        resizeForLab: c.resize,
        prefillTokensPerSecond: c.speed,
      });
      const about = c.engine === "llama-server" ? "About " : "";
      await expect(explorer.result.getByText(/image tokens$/)).toHaveText(`${about}${formatNumber(cost.tokens)} image tokens`);
      await expect(explorer.result).toContainText(`${cost.grid.columns} × ${cost.grid.rows} blocks`);
      await expect(explorer.result).toContainText(`${formatNumber(cost.sent.width)} × ${formatNumber(cost.sent.height)} px`);
      await expect(explorer.result).toContainText(`${cost.prefillSeconds!.toFixed(2)} s`);
    }
  });

  test("explains a tiny crop on the Go engine, and a value out of range keeps what was typed", async ({ page }) => {
    await new LessonPage(page).open(flagship);
    const explorer = new TokenExplorer(page);

    // Presets work from the keyboard.
    await explorer.region.getByRole("button", { name: "20×20" }).focus();
    await page.keyboard.press("Enter");
    await expect(explorer.field("Image width (px)")).toHaveValue("20");
    await explorer.field("Ollama version").selectOption({ label: "0.13.4 to 0.24 (Go engine)" });
    await expect(explorer.result).toContainText(/image tokens/);
    await explorer.field("Resize as the lab does").uncheck();
    await expect(explorer.result).toContainText("The model runner crashes: HTTP 500");
    await expect(explorer.result).toContainText("This image's shortest side is 20 px.");
    await explorer.field("Ollama version").selectOption({ label: "0.30 and later (llama.cpp)" });
    await expect(explorer.result).toContainText("saves nothing");

    // Qwen3-VL on an Ollama before 0.13.4 is counted, and the version it needs is said.
    await explorer.region.getByRole("button", { name: "1280×720" }).click();
    await explorer.field("Model family").selectOption({ label: "Qwen3-VL" });
    await explorer.field("Ollama version").selectOption({ label: "Before 0.13.4 (Go engine)" });
    await expect(explorer.result).toContainText("882 image tokens");
    await expect(explorer.result).toContainText("40 × 22 blocks of 32 × 32 px make 880 tokens");
    await expect(explorer.result).toContainText("Qwen3-VL runs on Ollama 0.12.7 and later");

    await explorer.field("Image width (px)").fill("9000");
    await expect(explorer.field("Image width (px)")).toHaveValue("9000");
    await expect(explorer.field("Image width (px)")).toHaveAttribute("aria-invalid", "true");
    await expect(explorer.region.getByText("Out of range: enter a number from 1 to 8,192 px.")).toBeVisible();
    await expect(explorer.field("Image width (px)")).toHaveAccessibleDescription("Out of range: enter a number from 1 to 8,192 px.");
    await expect(explorer.result).toContainText("No estimate yet");
    await explorer.field("Image width (px)").fill("800");
    await expect(explorer.field("Image width (px)")).not.toHaveAttribute("aria-invalid");
    await expect(explorer.result).toContainText("image tokens");
  });
});

test.describe("the memory explorable", () => {
  test("follows tag, context length and GPU memory, and remembers the machine", async ({ page }) => {
    await new LessonPage(page).open(flagship);
    const explorer = new MemoryExplorer(page);
    const expectFit = async (tag: string, numCtx: number, vram: number, ram: number) => {
      const { fit, estimate } = estimateModelFit({
        downloadBytes: downloadOf(tag),
        numCtx,
        f16KvBytesPerToken: ASSUMED_KV_BYTES_PER_TOKEN,
        cacheType: "f16",
        vramBytes: vram * GB,
        ramBytes: ram * GB,
      });
      const stat = (graph: string) =>
        explorer.result
          .locator("div", { has: page.getByText(`With a ${graph} vision graph`, { exact: true }) })
          .locator("dd")
          .first();
      await expect(stat("1 GB")).toHaveText(fitWords(fit.best));
      await expect(stat("2 GB")).toHaveText(fitWords(fit.worst));
      return estimate;
    };

    // The lesson's own example: qwen2.5vl:7b on an 8 GB card is tight.
    await expect(explorer.field("Model tag")).toHaveValue("qwen2.5vl:7b");
    await expect(explorer.region).toContainText("Q4_K_M");
    await expectFit("qwen2.5vl:7b", 4096, 8, 16);

    await explorer.field("Model tag").selectOption("qwen3-vl:4b");
    await expectFit("qwen3-vl:4b", 4096, 8, 16);
    await expect(explorer.result.getByRole("paragraph").first()).toHaveText("All on the GPU");

    await explorer.field("Your GPU memory (GB)").fill("4");
    await expectFit("qwen3-vl:4b", 4096, 4, 16);
    await expect(explorer.result).toContainText("runs on the CPU: it works, slowly");

    await explorer.field("Context length (num_ctx)").selectOption("32768");
    const estimate = await expectFit("qwen3-vl:4b", 32768, 4, 16);
    await expect(explorer.result).toContainText(`32,768 tokens`);
    expect(estimate.kvCacheBytes).toBe(32768 * ASSUMED_KV_BYTES_PER_TOKEN);

    await explorer.field("Your GPU memory (GB)").fill("0");
    await expectFit("qwen3-vl:4b", 32768, 0, 16);
    await explorer.field("Model tag").selectOption("qwen2.5vl:72b");
    await expectFit("qwen2.5vl:72b", 32768, 0, 16);
    await expect(explorer.result).toContainText("Won't fit");

    await explorer.field("Your RAM (GB)").fill("-3");
    await expect(explorer.field("Your RAM (GB)")).toHaveAccessibleDescription("Out of range: enter a number from 0.5 to 4,096 GB.");
    await expect(explorer.result).toContainText("No estimate yet");
    await explorer.field("Your RAM (GB)").fill("64");
    await expectFit("qwen2.5vl:72b", 32768, 0, 64);

    // Entered once: the machine comes back on the next visit.
    await page.reload();
    await expect(explorer.field("Your GPU memory (GB)")).toHaveValue("0");
    await expect(explorer.field("Your RAM (GB)")).toHaveValue("64");
  });
});

test.describe("the lesson page around them", () => {
  test("objectives, the learn-by-doing callout, the diagram, and no layout shift from the explorables", async ({ page }) => {
    await page.addInitScript(() => {
      const shifts: { value: number; inExplorable: boolean }[] = [];
      const record = (entries: PerformanceEntryList) => {
        for (const entry of entries as unknown as { value: number; hadRecentInput: boolean; sources: { node: Node | null }[] }[]) {
          if (entry.hadRecentInput) continue;
          const inExplorable = entry.sources.some((s) => s.node instanceof Element && s.node.closest('[data-testid$="-explorer"]'));
          shifts.push({ value: entry.value, inExplorable });
        }
      };
      const observer = new PerformanceObserver((list) => record(list.getEntries()));
      observer.observe({ type: "layout-shift", buffered: true });
      /** Every shift so far, those the observer has not handed over yet included. */
      (window as unknown as { __shifts: () => typeof shifts }).__shifts = () => {
        record(observer.takeRecords());
        return shifts;
      };
    });
    await page.addInitScript(() => localStorage.setItem("lesson-lab:hardware:v1", JSON.stringify({ vram: 12, ram: 32 })));
    const lesson = new LessonPage(page);
    await lesson.open(flagship);

    const objectives = page.getByRole("region", { name: "You will be able to" });
    await expect(objectives.getByRole("heading", { name: "You will be able to" })).toBeVisible();
    await expect(objectives.getByRole("listitem")).toHaveCount(5);
    await expect(objectives.getByRole("listitem").first()).toHaveText(/^Explain how a vision-language model/);

    const callout = page.getByRole("complementary", { name: "Prefer to learn by doing?" });
    await expect(callout.getByRole("link", { name: "Open the lab now and come back" })).toHaveAttribute(
      "href",
      "/lessons/local-qwen-vl/lab",
    );

    const diagram = page.getByRole("img", { name: "How a vision-language model sees an image" });
    await expect(diagram).toBeVisible();
    await expect(diagram).toHaveAccessibleDescription(/Merger: every 2 by 2 group of patches becomes one image token/);
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(diagram).toBeVisible();
    await expect(page.getByRole("img", { name: "How a vision-language model sees an image" })).toHaveCount(1);

    const memory = new MemoryExplorer(page);
    await expect(memory.field("Your GPU memory (GB)")).toHaveValue("12");
    await memory.region.scrollIntoViewIfNeeded();
    // Two frames after the scroll its layout has been done and any shift recorded.
    const shifts = await page.evaluate(async () => {
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return (window as unknown as { __shifts: () => { value: number; inExplorable: boolean }[] }).__shifts();
    });
    expect(shifts.filter((s) => s.inExplorable)).toEqual([]);
  });

  // In light, the flagship (explorables, diagram, cost chart) is read whole by axe in lesson.spec.ts
  // and the related lessons (benchmark chart) in "every related lesson is a real lesson"; dark here.
  test("passes axe with the explorables, diagram and charts (dark)", async ({ browser }) => {
    // Three long lesson pages, each read whole by axe.
    test.setTimeout(90_000);
    const context = await browser.newContext({ colorScheme: "dark" });
    const page = await context.newPage();
    for (const slug of [flagship, "vision-model-selection", "vision-cost-comparison"]) {
      await new LessonPage(page).open(slug);
      await expectAccessible(page);
    }
    await context.close();
  });
});

test.describe("charts", () => {
  test("the benchmark chart sits under its table and names its point", async ({ page }) => {
    await new LessonPage(page).open("vision-model-selection");
    const caption = "The 3B is close to the 7B at reading documents and far behind at finding UI elements";
    const figure = page.getByRole("figure", { name: caption });
    const chart = figure.getByRole("img", { name: caption });
    await expect(chart).toBeVisible();
    await expect(chart).toHaveAccessibleDescription(/The largest gap is ScreenSpot: 55\.5 against 84\.7, 29\.2 points/);
    const table = page.getByRole("table").filter({ hasText: "ScreenSpot Pro" });
    await expect(table.getByRole("row")).toHaveCount(8);
  });

  test("the cost chart compares hosted and local per 1,000 screenshots, with its table", async ({ page }) => {
    await new LessonPage(page).open("vision-cost-comparison");
    const caption = "A local model is the cheapest option or the dearest one: volume decides";
    const chart = page.getByRole("figure", { name: caption }).getByRole("img", { name: caption });
    await expect(chart).toBeVisible();
    await expect(chart).toHaveAccessibleDescription(
      /Local, machine already owned, USD 0\.13; .*GPT-4o, USD 6\.14; Local, 100 screenshots a day, USD 10\.13\./,
    );
    await expect(page.getByRole("table").filter({ hasText: "electricity only" }).getByRole("row")).toHaveCount(7);
  });
});

// Each piece at 1366 and 390 px, light and dark: visible, nothing wider than the page. With
// E2E_SCREENSHOTS=1 each is also shot into E2E_SHOTS_DIR (or test-results/screenshots) to look at.
test("the explorables, the diagram and the charts fit desktop and phone widths in both themes", async ({ page }) => {
  test.setTimeout(180_000);
  const outDir = process.env.E2E_SCREENSHOTS ? path.resolve(process.env.E2E_SHOTS_DIR ?? path.join("test-results", "screenshots")) : null;
  if (outDir) mkdirSync(outDir, { recursive: true });
  const pieces: { slug: string; name: string; locate: (p: Page) => Locator }[] = [
    { slug: flagship, name: "objectives", locate: (p) => p.getByRole("region", { name: "You will be able to" }) },
    { slug: flagship, name: "learn-by-doing", locate: (p) => p.getByRole("complementary", { name: "Prefer to learn by doing?" }) },
    {
      slug: flagship,
      name: "diagram",
      locate: (p) => p.getByRole("figure").filter({ has: p.getByRole("img", { name: "How a vision-language model sees an image" }) }),
    },
    { slug: flagship, name: "token-explorer", locate: (p) => new TokenExplorer(p).region },
    { slug: flagship, name: "memory-explorer", locate: (p) => new MemoryExplorer(p).region },
    {
      slug: "vision-model-selection",
      name: "benchmark-chart",
      locate: (p) => p.getByRole("figure").filter({ hasText: "far behind at finding UI elements" }),
    },
    { slug: "vision-cost-comparison", name: "cost-chart", locate: (p) => p.getByRole("figure").filter({ hasText: "volume decides" }) },
  ];
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const [device, width] of [
      ["desktop", 1366],
      ["phone", 390],
    ] as const) {
      await page.setViewportSize({ width, height: device === "phone" ? 844 : 900 });
      for (const slug of new Set(pieces.map((p) => p.slug))) {
        await page.goto(`/lessons/${slug}`);
        for (const piece of pieces.filter((p) => p.slug === slug)) {
          const target = piece.locate(page);
          await target.scrollIntoViewIfNeeded();
          await expect(target).toBeVisible();
          const box = (await target.boundingBox())!;
          expect(box.x + box.width, `${piece.name} at ${width} px`).toBeLessThanOrEqual(width);
          // Nothing inside is wider than the piece itself (tables scroll in their own region).
          const spill = await target.evaluate((el) => el.scrollWidth - el.clientWidth);
          expect(spill, `${piece.name} at ${width} px`).toBeLessThanOrEqual(0);
          if (outDir) await target.screenshot({ path: path.join(outDir, `${piece.name}-${device}-${colorScheme}.png`) });
        }
      }
    }
  }
});
