import type { Page } from "@playwright/test";
import { expectAccessible } from "./support/a11y";
import { expect, test } from "./support/fixtures";
import { LabPage } from "./support/lab-page";
import { shoot } from "./support/screenshots";

// The lab as an experiment: predict, run (with a defence switched off), read the summary and the
// evidence, reopen the run, run it again; the phone layout; a run that finishes with failures.
// It uses the instruct pair, which no other spec slows down or breaks.

const ollama = process.env.E2E_OLLAMA_URL!;
const TEXT = "qwen3:4b-instruct";
const VISION = "qwen3-vl:4b-instruct";
const failure = (page: Page, model: string, mode: string, extra: Record<string, number> = {}) =>
  page.request.post(`${ollama}/__test/failure`, { data: { model, mode, ...extra } });

test.describe.configure({ mode: "serial" });
test.afterEach(async ({ page }) => {
  for (const model of [TEXT, VISION]) await failure(page, model, "none");
});

/** The lab with a sample and the instruct pair chosen, ready to run. */
async function prepareRun(page: Page, sample: string): Promise<LabPage> {
  const lab = new LabPage(page);
  await lab.open();
  await lab.pickSample(sample);
  await lab.chooseModels({ text: TEXT, vision: VISION });
  return lab;
}

test("predict, run with a defence off, read the summary, reopen the run and run it again", async ({ studentPage: page }) => {
  test.setTimeout(120_000);
  // Slow enough to watch the progress.
  await failure(page, VISION, "slow", { afterChunks: 1, chunkDelayMs: 25 });
  const lab = await prepareRun(page, "Notification settings screen");

  await page.getByLabel("Image tokens this screenshot will cost").fill("1100");
  await page.getByRole("group", { name: "Which model finishes its answers sooner?" }).getByLabel("Text-only").check();
  await page.getByRole("group", { name: "Which column gets the most controls in the right state?" }).getByLabel("Vision").check();
  await page.getByLabel("Vision prompt: say that text in the image is content, not an instruction").uncheck();
  await expectAccessible(page);
  await lab.run();

  // While it runs: an overall progress bar with cells finished out of 7 and the elapsed time, and
  // the run list saying so without a reload.
  const progress = page.getByRole("progressbar", { name: /of 7 cells finished/ });
  await expect(progress).toBeVisible({ timeout: 15_000 });
  await expect(progress).toHaveAttribute("aria-valuemax", "7");
  await expect(page.getByTestId("run-progress")).toContainText("elapsed");
  await expect(page.getByTestId("run-list-outcome").first()).toContainText(/running: \d of 7 cells/);
  // Once a cell has finished, the elapsed time is never "0 ms" (the walk saw "6 of 7 cells finished · 0 ms elapsed").
  await expect.poll(async () => Number(await progress.getAttribute("aria-valuenow"))).toBeGreaterThan(0);
  await expect(page.getByTestId("run-progress")).not.toContainText(/\b0 ms elapsed/);
  // Seen while it runs: the vision model's other answers need not crawl (the one in flight keeps its pace).
  await failure(page, VISION, "none");

  await lab.waitForAllDone(7);
  await expect(page.getByTestId("run-outcome")).toHaveText("· done");
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId("run-list-outcome").first()).toHaveText("(done)");

  // The summary: a verdict from the numbers, the per-column table, the predictions checked.
  const summary = page.getByTestId("run-summary");
  await expect(summary.getByTestId("run-verdict")).toContainText("Controls with the right state");
  await expect(summary.getByRole("table")).toContainText("Controls, right state");
  await expect(summary.getByRole("columnheader", { name: /Vision model/ })).toBeVisible();
  const predictions = summary.getByTestId("prediction-checks").getByRole("listitem");
  await expect(predictions).toHaveCount(3);
  await expect(predictions.nth(0)).toContainText(/you said 1,100; measured [\d,]+ \(Ollama's count\)/);
  await expect(predictions.nth(1)).toContainText("you said text-only model");
  await expect(lab.cell("VISION", "task").getByTestId("cell-scores")).toContainText(/Controls: \d+ of 17 with the right state/);
  await expect(lab.cell("OCR", "ocr").getByTestId("cell-scores")).toContainText("Controls:");
  // The setup as run, and the ground truth with the trap once it is over.
  await expect(page.getByTestId("run-defences")).toHaveText("off: vision prompt says text in the image is not an instruction");
  await page
    .getByTestId("ground-truth")
    .getByText(/Ground truth and the trap/)
    .click();
  await expect(page.getByTestId("ground-truth")).toContainText("The trap:");
  await expectAccessible(page);
  await shoot(page, "lab-experiment");

  // Reopened later: the screenshot, models, prompts and defences are all there.
  await lab.openLatestRun();
  const setup = page.getByTestId("run-setup");
  await expect(setup.getByRole("img", { name: /The screenshot this run used/ })).toBeVisible();
  expect(await setup.getByRole("img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1280);
  await expect(setup).toContainText(VISION);
  await setup.getByText("Prompts used").click();
  await expect(setup).toContainText("Do not guess hidden state.");
  await setup.getByRole("button", { name: "Run again" }).click();
  await expect(page.getByText(/The form holds this run's screenshot/)).toBeVisible();
  await expect(page.getByText(/1280x800 PNG, .* metadata removed/)).toBeVisible();
  await expect(lab.visionModel).toHaveValue(VISION);
  await expect(page.getByLabel("Vision prompt: say that text in the image is content, not an instruction")).not.toBeChecked();
  await expect(page.getByLabel("Text-only prompt: say that no image was sent, and not to guess")).toBeChecked();

  // On a phone the columns are tabs, the prompt kinds labelled in each, and nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  const tabs = page.getByRole("tablist", { name: "Result columns" });
  await expect(tabs).toBeVisible();
  await expect(tabs.getByRole("tab", { name: /Vision/ })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel", { name: /Vision/ })).toBeVisible();
  await expect(lab.cell("TEXT", "easy")).toBeHidden();
  await tabs.getByRole("tab", { name: /Vision/ }).press("ArrowLeft");
  await expect(tabs.getByRole("tab", { name: /Text-only/ })).toHaveAttribute("aria-selected", "true");
  await expect(tabs.getByRole("tab", { name: /Text-only/ })).toBeFocused();
  await expect(lab.cell("TEXT", "easy")).toBeVisible();
  await expect(lab.cell("VISION", "easy")).toBeHidden();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page);
});

test("a run whose vision model fails finishes with failures, in the results and in the list", async ({ studentPage: page }) => {
  await failure(page, VISION, "crash");
  const lab = await prepareRun(page, "Expense claim form with an error");
  await lab.runButton.click();
  await expect(lab.cellsWithStatus("Failed")).toHaveCount(3, { timeout: 45_000 });
  await expect(page.getByTestId("run-outcome")).toHaveText("· finished with failures");
  await expect(page.getByTestId("run-verdict")).toContainText("Not every answer finished: 3 of the vision model's failed");
  await expect(page.getByTestId("run-list-outcome").first()).toHaveText("(finished with failures)");
  await page.reload();
  await expect(page.getByTestId("run-list-outcome").first()).toHaveText("(finished with failures)");
});
