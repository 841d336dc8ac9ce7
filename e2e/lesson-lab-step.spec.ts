import type { Page } from "@playwright/test";
import { expectAccessible } from "./support/a11y";
import { expect, test } from "./support/fixtures";
import { LAB, LabPage } from "./support/lab-page";
import { FLAGSHIP_SECTIONS, LessonPage } from "./support/lesson-page";
import { shoot } from "./support/screenshots";

// The lab, its write-up and the quiz as steps of the flagship's learning path: shown with their
// state on the lesson map and in the lab card, counted in "N of M done", and where "Continue" goes.

const SLUG = "local-qwen-vl";
const SECTIONS = FLAGSHIP_SECTIONS;

async function readEverySection(lesson: LessonPage) {
  for (const title of SECTIONS) await lesson.markDone(title);
}

/** The catalogue's continue card, once the progress saves in flight have landed. */
async function expectContinue(page: Page, next: string, href: string) {
  const resume = page.getByRole("region", { name: "Continue where you left off" });
  await expect(async () => {
    await page.goto("/");
    await expect(resume).toContainText(next, { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await expect(resume.getByRole("link", { name: "Local Qwen-VL: Seeing Images Without a Cloud API" })).toHaveAttribute("href", href);
}

test("a guest sees the lab and the write-up need an account, and is sent on to the quiz", async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.open(SLUG);
  await expect(lesson.map).toContainText("0 of 11 done");
  await expect(lesson.stepStatus("lab")).toHaveText("Sign in to use the lab");
  await expect(lesson.stepStatus("write-up")).toHaveText("Sign in to write it up");
  await expect(lesson.stepStatus("quiz")).toHaveText("Not taken yet");
  await expect(lesson.map.getByRole("link", { name: "Take the quiz" })).toHaveAttribute("href", `/lessons/${SLUG}/quiz`);
  for (const card of [lesson.mapLabCard, lesson.bodyLabCard]) {
    await expect(card).toContainText("needs an account");
    await expect(card.getByRole("link", { name: "Sign in to use the lab" })).toHaveAttribute(
      "href",
      `/signin?callbackUrl=${encodeURIComponent(LAB)}`,
    );
  }
  // The card closes "Build the small version", before the next section.
  expect(
    await page.evaluate(() => {
      const [section, card, next] = ["#build-the-small-version", ".lesson-prose [data-testid=lab-card]", "#the-design-sketch"].map(
        (selector) => document.querySelector(selector)!,
      );
      const follows = (a: Node, b: Node) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
      return follows(section!, card!) && follows(card!, next!);
    }),
  ).toBe(true);
  // The guest's whole lesson page is read in e2e/lesson.spec.ts; here, the parts this test is about.
  await expectAccessible(page, { include: [lesson.map, lesson.bodyLabCard] });
  await shoot(page, "lesson-lab-step-guest");

  // By keyboard: from the last section's toggle, the next stop is the lab step's way in.
  await expect(lesson.stepToggle("The design sketch")).toBeEnabled();
  await lesson.stepToggle("The design sketch").focus();
  await page.keyboard.press("Tab");
  await expect(lesson.stepStatus("lab")).toBeFocused();

  // Every section read: a guest is sent past the lab and the write-up, to the quiz.
  await readEverySection(lesson);
  await expect(lesson.map).toContainText("8 of 11 done");
  await expectContinue(page, "Next step: Take the quiz", `/lessons/${SLUG}/quiz`);
  await expect(page.getByTestId(`progress-${SLUG}`)).toContainText("8 of 11 steps done");

  await lesson.open(SLUG);
  await lesson.stepStatus("lab").click();
  await expect(page).toHaveURL(`/signin?callbackUrl=${encodeURIComponent(LAB)}`);
});

test.describe("a signed-in student", () => {
  test.setTimeout(120_000);

  test("with no run sees 'No run yet', then after a run the lab step is done and Continue points to the write-up", async ({
    studentPage: page,
  }) => {
    const lesson = new LessonPage(page);
    await lesson.open(SLUG);
    await expect(lesson.stepStatus("lab")).toHaveText("No run yet");
    await expect(lesson.stepStatus("write-up")).toHaveText("Not started");
    await expect(lesson.map.getByRole("link", { name: "Run the lab" })).toHaveAttribute("href", LAB);
    await expect(lesson.map.getByRole("link", { name: "Write up your recommendation" })).toHaveAttribute("href", `${LAB}#write-up`);
    for (const card of [lesson.mapLabCard, lesson.bodyLabCard]) {
      await expect(card.getByTestId("lab-run-state")).toHaveText("No run yet");
      await expect(card.getByTestId("lab-write-up-state")).toHaveText("Write-up: not started");
      await expect(card.getByRole("link", { name: "Open the lab" })).toHaveAttribute("href", LAB);
    }
    await expectAccessible(page);
    await shoot(page, "lesson-lab-step-no-run");

    // Every section read and no run: Continue goes to the lab.
    await readEverySection(lesson);
    await expect(lesson.map).toContainText("8 of 11 done");
    await expectContinue(page, "Next step: Run the lab", LAB);

    // A run on a sample, waited for as the lab spec does.
    const lab = new LabPage(page);
    await lab.open();
    await lab.pickSample("Notification settings screen");
    await expect(page.getByText(/1280x800 PNG, .* metadata removed/)).toBeVisible();
    const runId = await lab.run();
    await lab.waitForAllDone(7);

    // The run is stored as finished a moment after its last cell.
    await expect(async () => {
      await lesson.open(SLUG);
      await expect(lesson.stepStatus("lab")).toHaveText("Done", { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await expect(lesson.map.getByRole("link", { name: "Run the lab (done)" })).toBeVisible();
    await expect(lesson.map).toContainText("9 of 11 done");
    for (const card of [lesson.mapLabCard, lesson.bodyLabCard]) {
      await expect(card.getByTestId("lab-run-state")).toHaveText("Done");
      await expect(card).toContainText("llama3.2:3b and qwen2.5vl:3b");
      await expect(card.getByRole("link", { name: "Open your latest run" })).toHaveAttribute("href", `${LAB}?run=${runId}`);
      await expect(card.getByRole("link", { name: "Write it up" })).toHaveAttribute("href", `${LAB}#write-up`);
    }
    await expectAccessible(page, { include: [lesson.map, lesson.bodyLabCard] });
    await shoot(page, "lesson-lab-step-done");

    // The card opens the run itself.
    await lesson.mapLabCard.getByRole("link", { name: "Open your latest run" }).click();
    await expect(page).toHaveURL(`${LAB}?run=${runId}`);
    await expect(lab.cellsWithStatus("Done")).toHaveCount(7);

    // Continue points onward: the write-up, and the catalogue counts the lab.
    await expectContinue(page, "Next step: Write up your recommendation", `${LAB}#write-up`);
    await expect(page.getByTestId(`progress-${SLUG}`)).toContainText("9 of 11 steps done");
    await expectAccessible(page);
    await shoot(page, "catalogue-continue-write-up");
    await page.getByRole("region", { name: "Continue where you left off" }).getByRole("link").click();
    await expect(page).toHaveURL(`${LAB}#write-up`);
    await expect(page.getByRole("region", { name: "Write-up" })).toBeVisible();
  });
});
