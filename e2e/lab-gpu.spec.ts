import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { expectAccessible } from "./support/a11y";
import { expect, test } from "./support/fixtures";
import { LabPage } from "./support/lab-page";

// What a real GPU shows, read in the lab by its words: a thinking variant whose thinking uses up the
// token budget, the time a request waited for its model, and the GPU share as Ollama reports it.
// The thinking model is qwen3-vl:8b, which no other spec uses: this spec pulls it onto the Ollama
// test double and draws its thinking out past the budget the e2e server runs with (300 tokens,
// playwright.config.ts).

const ollama = process.env.E2E_OLLAMA_URL!;
const THINKER = "qwen3-vl:8b";

test("a thinking variant that thinks past the budget says it ran out of the token budget while thinking", async ({
  studentPage: page,
  instructorPage,
  baseURL,
}) => {
  test.setTimeout(90_000);
  await pullThinker(instructorPage, baseURL!);
  const drawnOut = await fetch(`${ollama}/__test/thinking`, { method: "POST", body: JSON.stringify({ model: THINKER, tokens: 320 }) });
  expect(drawnOut.status).toBe(200);

  const lab = new LabPage(page);
  await lab.open();
  await expect(lab.visionModel.locator("option", { hasText: THINKER })).toHaveCount(1);
  await lab.pickSample("Notification settings screen");
  await lab.chooseModels({ text: "", vision: THINKER });
  await lab.runButton.click();
  await expect(lab.cellsWithStatus("No answer")).toHaveCount(3, { timeout: 60_000 });

  const cell = lab.cell("VISION", "easy");
  await expect(cell.getByTestId("cell-error")).toContainText("ran out of the token budget while thinking");
  await expect(cell.getByTestId("cell-error")).toContainText("300-token limit");
  await expect(cell.getByTestId("cell-error")).not.toContainText("ignores requests not to think");
  // The thinking is kept, and its figures stand apart from the answer's.
  await expect(cell.getByText(/^Thinking \([\d,]+ characters\)$/)).toBeVisible();
  const metrics = cell.getByTestId("cell-metrics");
  await expect(metrics.getByText("Waited for the model")).toBeVisible();
  await expect(metrics).toContainText(/model layers on GPU \d+% \(size_vram [\d,]+ bytes\)/);
  await expect(metrics.getByTestId("cell-thinking-metrics")).toContainText(/\d+ tokens/);
  await expectAccessible(page);
  await shootElement(page, cell, "lab-thinking-budget-cell");
  await shootElement(page, page.getByTestId("run-setup"), "lab-run-setup");
});

test("a cold start Ollama did not honour says so beside Start, instead of reporting a warm answer as cold", async ({
  studentPage: page,
  instructorPage,
  baseURL,
}) => {
  test.setTimeout(90_000);
  await pullThinker(instructorPage, baseURL!);
  // Loaded, and the unload the lab sends before the cold cell answers "unload" but keeps it (as the
  // walk's server did).
  await fetch(`${ollama}/api/chat`, { method: "POST", body: JSON.stringify({ model: THINKER, messages: [], keep_alive: "10m" }) });
  await fetch(`${ollama}/__test/failure`, { method: "POST", body: JSON.stringify({ model: THINKER, mode: "keeps-loaded" }) });
  try {
    const lab = new LabPage(page);
    await lab.open();
    await lab.pickSample("Notification settings screen");
    await lab.chooseModels({ text: "", vision: THINKER });
    await page.getByLabel(/Measure a cold start/).check();
    await lab.runButton.click();
    const setup = page.getByTestId("run-setup");
    await expect(setup.getByTestId("run-cold-note")).toHaveText(
      `Not a cold start for ${THINKER}: Ollama still listed it as loaded 3 s after the unload request. Its first answer started warm, so its time has no cold load in it.`,
      { timeout: 30_000 },
    );
    await expect(setup).toContainText("cold start asked for (each model unloaded first)");
    await expectAccessible(page);
    await shootElement(page, setup, "lab-run-setup-not-cold");
  } finally {
    await fetch(`${ollama}/__test/failure`, { method: "POST", body: JSON.stringify({ model: THINKER, mode: "none" }) });
  }
});

/** The instructor pulls THINKER onto every host of the double (both tests here use it). */
async function pullThinker(instructorPage: Page, baseURL: string) {
  const pulled = await instructorPage.request.post("/api/models/pull", {
    headers: { Origin: baseURL },
    data: { model: THINKER, host: "all" },
  });
  expect(pulled.status()).toBe(200);
}

/** With E2E_SCREENSHOTS=1: the element as people see it, light and dark, phone and desktop widths. */
async function shootElement(page: Page, element: Locator, name: string) {
  if (!process.env.E2E_SCREENSHOTS) return;
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const width of [390, 1366]) {
      await page.setViewportSize({ width, height: 900 });
      await element.scrollIntoViewIfNeeded();
      await element.screenshot({ path: path.resolve("test-results", "screenshots", `${name}-${width}-${colorScheme}.png`) });
    }
  }
  await page.emulateMedia({ colorScheme: null });
}
