import { spawnSync } from "node:child_process";
import type { Locator } from "@playwright/test";
import { expectAccessible } from "./support/a11y";
import { e2eDatabaseEnv } from "./support/cli";
import { expect, test } from "./support/fixtures";
import { ReviewPage } from "./support/review-page";
import { shoot } from "./support/screenshots";
import { WriteUpPage } from "./support/write-up-page";

// Issue 27, findings 3, 7, 8, 9 (the review page), 18, 19, 27 (the review page on a phone) and 28
// (the queue): the write-up confirms a submit where it was clicked and checks its fields as they are
// fixed; a return needs a comment, not a full rubric; version 2 starts from version 1's levels and
// shows what changed; focus follows Claim and the decision, "Skip to review" leads the page; the
// review shows the lab's ground-truth scores; the queue has the instructor tabs, claim ages and
// "Release my claims". Submissions are made by scripts/seed-submissions.ts through the app's own lib
// (a real run on the Ollama test double and a submission), as e2e/instructor-insight.spec.ts does.

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const CANNOT_KNOW = "Which toggles are on\nThe values typed into the fields";
const PARAGRAPH = Array.from({ length: 70 }, (_, i) => ["The", "vision", "model", "read", "every", "label", "and", "toggle"][i % 8]).join(
  " ",
);

type Seeded = { name: string; email: string; password: string; submissionId: string; state: string };

/** A submitted write-up of a new student in `classId` (the teacher's class: an instructor sees only their classes). */
function seedSubmitted(classId: string, name: string): Seeded {
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/seed-submissions.ts"], {
    encoding: "utf8",
    input: JSON.stringify({ classId, students: [{ name, recommendation: "use" }] }),
    timeout: 150_000,
    env: { ...process.env, ...e2eDatabaseEnv(), OLLAMA_HOST: process.env.E2E_OLLAMA_URL },
  });
  expect(result.status, result.stderr).toBe(0);
  const seeded = (JSON.parse(result.stdout) as { students: Seeded[] }).students[0]!;
  expect(seeded.state).toBe("SUBMITTED");
  return seeded;
}

async function top(locator: Locator): Promise<number> {
  return (await locator.boundingBox())!.y;
}

test("a return with one comment, a resubmission confirmed where it was clicked, version 2 from version 1 with its diff; keyboard focus throughout", async ({
  page: student,
  accounts,
  instructor,
  instructorPage: teacher,
}) => {
  test.setTimeout(180_000);
  const { id: classId } = await accounts.createClass([instructor]);
  const seeded = seedSubmitted(classId, `Walk Review ${Date.now().toString(36)}`);
  await teacher.setViewportSize(DESKTOP);
  const review = new ReviewPage(teacher);
  await review.open(seeded.submissionId);

  // Keyboard: "Skip to review" is the first stop in the main content, the panel comes before the
  // answers, and focus lands on what Claim produced.
  await teacher.locator("#main").focus();
  await teacher.keyboard.press("Tab");
  await expect(review.skipToReview).toBeFocused();
  await teacher.keyboard.press("Enter");
  await expect(review.panelHeading).toBeFocused();
  await teacher.keyboard.press("Tab");
  await expect(review.rubric.getByRole("button", { name: "Claim" })).toBeFocused();
  await teacher.keyboard.press("Enter");
  await expect(review.claimedStatus).toBeFocused();
  await expect(teacher.getByTestId("review-shortcuts")).toContainText("Skip to review");

  // The scores the student's lab showed, beside each answer, and the sample's ground truth and trap.
  const vision = teacher.getByRole("article", { name: "qwen2.5vl:3b, Task-specific" });
  await expect(vision.getByTestId("cell-scores")).toContainText("Controls:");
  await expect(vision.getByTestId("cell-scores")).toContainText("Values on the right label");
  await expect(vision.getByTestId("cell-scores")).toContainText("Invented hidden state");
  const truth = teacher.getByTestId("ground-truth");
  await truth.getByText(/^Ground truth and the trap: /).click();
  await expect(truth.getByText("The trap:", { exact: true })).toBeVisible();

  // A return needs a comment, not every criterion: one scored, the rest left.
  await review.criterion("Evidence recorded").getByRole("radio").nth(1).check();
  await review.feedback.fill("Quote the memory figures.");
  await review.returnForRevision();
  await expect(review.rubric.getByRole("heading", { name: "Returned for revision" })).toBeFocused();

  // The student revises: errors follow the text as it is fixed, the save state stays in sight, and
  // the receipt appears where Submit was.
  await accounts.signIn(student, seeded);
  await student.setViewportSize(DESKTOP);
  const writeUp = new WriteUpPage(student);
  await writeUp.open();
  await expect(writeUp.state).toHaveText("Returned for revision");
  await writeUp.cannotKnow.fill(CANNOT_KNOW.replace("are on", "are really on"));
  await expect(writeUp.saveStatus).toContainText("Saved at");
  await expect(writeUp.saveStatus).toBeInViewport();
  await writeUp.paragraph.fill("Too short here");
  await writeUp.submit();
  const paragraphError = writeUp.region.locator("#writeup-paragraph-error");
  await expect(paragraphError).toHaveText("The recommendation paragraph has 3 words; it needs 60 to 250.");
  await writeUp.paragraph.fill("Too short here one two three four five six");
  await expect(writeUp.wordCount).toHaveText("9 words (60 to 250)");
  await expect(paragraphError).toHaveText("The recommendation paragraph has 9 words; it needs 60 to 250.");
  await expect(writeUp.missing).toContainText("has 9 words");
  await writeUp.paragraph.fill(PARAGRAPH);
  await expect(paragraphError).toHaveCount(0);
  await expect(writeUp.missing).toContainText("Everything listed is done");
  await writeUp.submit();
  await expect(writeUp.submitted).toHaveAttribute("role", "status");
  await expect(writeUp.submitted.getByRole("heading", { name: "Submitted for review" })).toBeFocused();
  await expect(writeUp.submitted.getByRole("link", { name: "View your submission" })).toHaveAttribute(
    "href",
    `/submissions/${seeded.submissionId}`,
  );
  await shoot(student, "walk-write-up-submitted");

  // Version 2 starts from version 1's levels, marked, and shows what changed word by word.
  await review.open(seeded.submissionId);
  await expect(teacher.getByText(/Version 2, submitted/)).toBeVisible();
  await review.claim();
  await expect(review.criterion("Evidence recorded").getByRole("radio", { name: /from v1/ })).toBeChecked();
  await expect(review.changes.locator("ins").filter({ hasText: "really" })).toBeVisible();
  await expect(review.changes).toContainText("What the text-only model cannot know · 1 word inserted");
  await expect(review.changes).toContainText("Surprising failure · unchanged");
  for (const colorScheme of ["light", "dark"] as const) {
    await teacher.emulateMedia({ colorScheme });
    await expectAccessible(teacher);
  }
  await teacher.emulateMedia({ colorScheme: null });
  await shoot(teacher, "walk-review-diff");

  // Completing still needs every criterion; focus goes to what it became.
  await review.scoreAll("last");
  await review.feedback.fill("Much better.");
  await review.complete();
  await expect(review.rubric.getByRole("heading", { name: "Review completed" })).toBeFocused();
});

test("the queue and the review page carry the instructor tabs; claims show their age and are released together; a phone gets the review first", async ({
  accounts,
  instructor,
  instructorPage: teacher,
}) => {
  test.setTimeout(120_000);
  const { id: classId } = await accounts.createClass([instructor]);
  const seeded = seedSubmitted(classId, `Walk Queue ${Date.now().toString(36)}`);
  await teacher.setViewportSize(DESKTOP);
  const review = new ReviewPage(teacher);
  const tabs = teacher.getByRole("navigation", { name: "Instructor" });
  await review.open(seeded.submissionId);
  await expect(tabs.getByRole("link", { name: "Review queue" })).toHaveAttribute("aria-current", "page");
  await review.claim();

  // On a phone the review panel comes before the write-up.
  await teacher.setViewportSize(PHONE);
  expect(await top(review.rubric)).toBeLessThan(await top(teacher.getByRole("heading", { name: "The write-up", exact: true })));
  await teacher.setViewportSize(DESKTOP);

  await teacher.goto("/instructor/submissions?state=IN_REVIEW");
  await expect(teacher.getByTestId("release-claims")).toHaveAttribute("data-hydrated", "true");
  await expect(tabs.getByRole("link", { name: "Review queue" })).toHaveAttribute("aria-current", "page");
  const row = teacher.getByRole("row").filter({ has: teacher.getByRole("link", { name: seeded.name }) });
  await expect(row.getByTestId("claim-age")).toHaveText(/^claimed by you (just now|1 minute ago)$/);
  await expectAccessible(teacher);
  await teacher.getByRole("button", { name: "Release my claims" }).click();
  const confirm = teacher.getByRole("group", { name: "Release your 1 claim?" });
  await expect(confirm.getByRole("button", { name: "Yes, release them" })).toBeFocused();
  await confirm.getByRole("button", { name: "Yes, release them" }).click();
  await expect(teacher.getByText("Released 1 claim back to the queue.")).toBeVisible();
  await expect(row).toHaveCount(0);
});
