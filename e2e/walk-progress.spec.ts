import { spawnSync } from "node:child_process";
import type { Locator, Page } from "@playwright/test";
import { expectAccessible } from "./support/a11y";
import { e2eDatabaseEnv } from "./support/cli";
import { expect, test } from "./support/fixtures";
import { LessonPage } from "./support/lesson-page";
import { shoot } from "./support/screenshots";

// Issue 27, findings 15, 16 and 27 (class progress on a phone): the home lab card leads with a
// graded write-up, not with the latest run; the student and the instructor count the same steps,
// named after the lesson's sections; class progress reads on a phone without scrolling sideways.
// The write-up is made by scripts/seed-submissions.ts through the app's own lib (a real run on the
// Ollama test double, a submission, a completed review at every criterion's top level), as
// e2e/instructor-insight.spec.ts does: seconds, where driving the lab and a review takes minutes.

const SLUG = "local-qwen-vl";
const LESSON_TITLE = "Local Qwen-VL: Seeing Images Without a Cloud API";
const FIRST_SECTIONS = ["Why Qwen-VL matters locally", "What Qwen-VL is", "How a vision-language model sees", "OCR versus a VLM"];
const NEXT = "Next step: Matching a model to hardware, task, licence and risk";
// 8 sections, the lab, the write-up and the quiz; 4 sections read, the run finished, the write-up completed
const COUNT = "6 of 11";
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

type Seeded = { name: string; email: string; password: string; submissionId: string; state: string };

/** A graded write-up of a new student in `classId` (the teacher's class: an instructor sees only their classes). */
function seedGradedWriteUp(classId: string, name: string): Seeded {
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/seed-submissions.ts"], {
    encoding: "utf8",
    input: JSON.stringify({
      classId,
      students: [
        { name, recommendation: "use", review: { decision: "COMPLETED", level: "last", feedback: "Every claim has its figure." } },
      ],
    }),
    timeout: 150_000,
    env: { ...process.env, ...e2eDatabaseEnv(), OLLAMA_HOST: process.env.E2E_OLLAMA_URL },
  });
  expect(result.status, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { students: Seeded[] }).students[0]!;
}

async function top(locator: Locator): Promise<number> {
  return (await locator.boundingBox())!.y;
}

async function sideways(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test("a graded write-up leads the home lab card; student and instructor count the same steps by section; class progress fits a phone", async ({
  page,
  accounts,
  instructor,
  instructorPage: teacher,
}) => {
  test.setTimeout(180_000);
  const { id: classId } = await accounts.createClass([instructor]);
  const seeded = seedGradedWriteUp(classId, `Walk Progress ${Date.now().toString(36)}`);
  expect(seeded.state).toBe("COMPLETED");
  await accounts.signIn(page, seeded);
  await page.setViewportSize(DESKTOP);

  // The lesson map names the steps after the sections and counts the lab and the write-up.
  const lesson = new LessonPage(page);
  await lesson.open(SLUG);
  for (const title of FIRST_SECTIONS) await lesson.markDone(title);
  await expect(lesson.map).toContainText(`The main moves in order · ${COUNT} done`);
  await expect(lesson.stepToggle("Matching a model to hardware, task, licence and risk")).toHaveAttribute("aria-pressed", "false");
  await shoot(page, "walk-progress-lesson-map");

  // Home: Continue names the next section; the saves in flight land first.
  const resume = page.getByRole("region", { name: "Continue where you left off" });
  await expect(async () => {
    await page.goto("/");
    await expect(resume).toContainText(NEXT, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(resume.getByRole("link", { name: LESSON_TITLE })).toHaveAttribute(
    "href",
    `/lessons/${SLUG}#matching-a-model-to-hardware-task-licence-and-risk`,
  );
  await expect(page.getByTestId(`progress-${SLUG}`)).toContainText(`${COUNT} steps done`);

  // The lab card: the write-up's state and grade first, the run second.
  const card = page.getByRole("region", { name: "Your lab" }).getByTestId("lab-card");
  const headline = card.getByTestId("lab-write-up-state");
  await expect(headline).toHaveText(/^Write-up: completed · (\d+)\/\1$/);
  await expect(card.getByTestId("lab-run-state")).toHaveText(/^(Done|Finished with failures)$/);
  expect(await top(headline)).toBeLessThan(await top(card.getByTestId("lab-run-state")));
  await expect(card.getByRole("link", { name: "Read feedback" })).toHaveAttribute("href", `/submissions/${seeded.submissionId}`);
  await expect(card.getByRole("link", { name: "Open your latest run" })).toBeVisible();
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await expectAccessible(page);
  }
  await page.emulateMedia({ colorScheme: null });
  await shoot(page, "walk-progress-home");

  // The instructor sees the same count and the same next step, in the table and on the student's page.
  await teacher.setViewportSize(DESKTOP);
  const classUrl = `/instructor?q=${encodeURIComponent(seeded.email)}`;
  await teacher.goto(classUrl);
  const row = teacher
    .getByRole("table", { name: /^Students/ })
    .getByRole("row")
    .filter({ hasText: seeded.email });
  await expect(row.getByRole("cell").first()).toHaveText(`${COUNT}${NEXT}`);
  await row.getByRole("link", { name: seeded.name }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: seeded.name })).toBeVisible();
  await expect(teacher.getByRole("heading", { name: `Lesson steps (${COUNT})` })).toBeVisible();
  await expect(teacher.getByTestId("student-next-step")).toHaveText(NEXT);
  await expect(teacher.getByRole("region", { name: /^Lesson steps/ }).getByRole("listitem")).toHaveCount(11);

  // On a phone: a card per student with the numbers, and no sideways scroll.
  await teacher.setViewportSize(PHONE);
  await teacher.goto(classUrl);
  await expect(teacher.getByRole("table", { name: /^Students/ })).toBeHidden();
  const studentCard = teacher.getByRole("list", { name: "Students" }).getByRole("listitem").filter({ hasText: seeded.email });
  await expect(studentCard).toContainText(`Lesson steps${COUNT}${NEXT}`);
  await expect(studentCard).toContainText("Completed");
  const box = (await studentCard.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  expect(await sideways(teacher)).toBeLessThanOrEqual(0);
  await expectAccessible(teacher);
  await shoot(teacher, "walk-progress-class-phone");
});
