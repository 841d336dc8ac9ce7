import { expectAccessible } from "./support/a11y";
import { expect, test } from "./support/fixtures";
import { LAB, LabPage } from "./support/lab-page";
import { shoot } from "./support/screenshots";

// Issue 27's walk through the student's lab (walk-2026-12-06.md, findings 1, 2, 4, 9, 17): one
// student, one run. The run uses a pair that is neither recommended pair, so "your last pair"
// cannot pass by chance, and that no spec makes fail on the shared double.

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };
const RECOMMENDED = { text: "qwen3:4b-instruct", vision: "qwen3-vl:4b-instruct" };
const LAST_PAIR = { text: "qwen3:4b", vision: "qwen2.5vl:3b" };

test.use({ viewport: DESKTOP });

test("the lab walked: default pair, light gallery, focus on the pick, predict before the estimate, a run opened at the run", async ({
  studentPage: page,
}) => {
  test.setTimeout(90_000);
  const lab = new LabPage(page);

  // 4 (item 3): a fresh student starts on the first recommended pair that is installed.
  await lab.open(LAB, { pair: null });
  await expect(lab.textModel).toHaveValue(RECOMMENDED.text);
  await expect(lab.visionModel).toHaveValue(RECOMMENDED.vision);

  // 17 (item 5): the gallery loads small WebP thumbnails, each <img> sized so nothing shifts.
  const thumbnails = lab.sampleGallery.locator("img");
  await expect(thumbnails).not.toHaveCount(0);
  for (const img of await thumbnails.all()) {
    await expect(img).toHaveAttribute("width", /^\d+$/);
    await expect(img).toHaveAttribute("height", /^\d+$/);
    const response = await page.request.get((await img.getAttribute("src"))!);
    expect(response.ok()).toBe(true);
    expect(response.headers()["content-type"]).toBe("image/webp");
    expect(response.headers()["cache-control"]).toContain("max-age=31536000");
    expect((await response.body()).length).toBeLessThan(60_000);
  }

  // 9 and 17 (item 4): Enter on a sample card puts focus on the chosen screenshot, shown above the gallery.
  await page.getByRole("button", { name: "Notification settings screen" }).press("Enter");
  await expect(lab.preview).toBeFocused();
  await expect(lab.preview).toBeInViewport();
  await expect(lab.preview).toContainText("metadata removed");
  const [previewBox, galleryBox] = [await lab.preview.boundingBox(), await lab.sampleGallery.boundingBox()];
  expect(previewBox!.y + previewBox!.height).toBeLessThanOrEqual(galleryBox!.y);

  // 2 (item 2): the estimate stays hidden until a prediction is locked in, which then cannot change.
  const estimate = page.getByRole("table", { name: "Expected image tokens" });
  const guess = page.getByLabel("Image tokens this screenshot will cost");
  await expect(estimate).toHaveCount(0);
  await expect(lab.preview.getByRole("button", { name: "Reveal the estimate" })).toBeVisible();
  await guess.fill("1200");
  await page.getByRole("button", { name: "Lock in prediction" }).click();
  await expect(guess).toBeFocused();
  await expect(guess).not.toBeEditable();
  await expect(estimate).toContainText("about");
  await expectAccessible(page);
  await shoot(page, "walk-lab-preview");

  // Another screenshot is predicted afresh; revealing first means no token prediction is graded.
  await page.getByRole("button", { name: "Expense claim form with an error" }).click();
  await expect(lab.preview).toBeFocused();
  await expect(estimate).toHaveCount(0);
  await expect(guess).toHaveValue("");
  await lab.preview.getByRole("button", { name: "Reveal the estimate" }).click();
  await expect(estimate).toBeVisible();
  await expect(guess).not.toBeEditable();
  await expect(guess).toHaveAccessibleDescription(/You looked at the estimate before predicting/);
  await page.getByRole("group", { name: "Which model finishes its answers sooner?" }).getByLabel("Text-only").check();

  await lab.chooseModels(LAST_PAIR);
  const runId = await lab.run();
  // Started here: the run opens at the top, focus on its name, the form folded away.
  await expect(lab.runHeading).toBeFocused();
  await expect(lab.newRunButton).toHaveAttribute("aria-expanded", "false");
  await expect(lab.runButton).toHaveCount(0);
  await lab.waitForAllDone(7);
  const predictions = page.getByTestId("prediction-checks").getByRole("listitem");
  // The token line says the student looked first, instead of grading a guess; the speed guess is graded.
  await expect(predictions).toHaveCount(2);
  await expect(predictions.filter({ hasText: "Image tokens" })).toContainText("none: you looked at the estimate first");

  // 1 (item 1), on a phone: the run's address opens at the run, its results on the first screen.
  await page.setViewportSize(PHONE);
  await lab.open(`${LAB}?run=${runId}`);
  await expect(lab.runHeading).toBeInViewport();
  await expect(page.getByRole("heading", { level: 3, name: /^Results/ })).toBeInViewport();
  await expect(lab.newRunButton).toHaveAttribute("aria-expanded", "false");
  await expect(lab.runButton).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await expectAccessible(page);
  }
  await page.emulateMedia({ colorScheme: null });
  await shoot(page, "walk-lab-run-view");

  // "New run" opens the form in place; the address, a reload and Back keep the run's view.
  await lab.newRunButton.click();
  await expect(lab.newRunButton).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("region", { name: "1. Screenshot" })).toBeVisible();
  await expect(lab.runButton).toBeVisible();
  await page.reload();
  await expect(lab.newRunButton).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("heading", { level: 3, name: /^Results/ })).toBeInViewport();
  await page.goto(LAB);
  await expect(lab.runButton).toBeVisible();
  await page.goBack();
  await expect(lab.runHeading).toBeVisible();
  await expect(lab.newRunButton).toHaveAttribute("aria-expanded", "false");

  // 4 (item 3): a returning student starts on the pair of their last run (read by the server: the
  // browser's copy is gone), and a pick not yet run is kept in this browser for the next visit.
  await page.evaluate(() => localStorage.clear());
  await lab.open(LAB, { pair: null });
  await expect(lab.textModel).toHaveValue(LAST_PAIR.text);
  await expect(lab.visionModel).toHaveValue(LAST_PAIR.vision);
  await lab.chooseModels({ vision: RECOMMENDED.vision });
  await page.reload();
  await expect(page.locator("[data-hydrated]:not(#write-up)")).toBeAttached();
  await expect(lab.visionModel).toHaveValue(RECOMMENDED.vision);
  await expect(lab.textModel).toHaveValue(LAST_PAIR.text);
});
