import { spawnSync } from "node:child_process";
import type { Page } from "@playwright/test";
import { expectAccessible } from "./support/a11y";
import { e2eDatabaseEnv } from "./support/cli";
import { expect, test } from "./support/fixtures";
import { shoot } from "./support/screenshots";

// Quiz item analysis. A class's attempts are seeded through the app's own data layer
// (scripts/seed-quiz-attempts.ts: accounts, startAttempt, submitAttempt) against the e2e database;
// the seeded students are in a class of this test's instructor, so the counts are exactly theirs.

const SEEDED = { students: 24, retakes: 6 };

function seedAttempts(classId: string): { firstAttempts: number; allAttempts: number } {
  const run = spawnSync(
    process.execPath,
    [
      "--conditions=react-server",
      "--import",
      "tsx",
      "scripts/seed-quiz-attempts.ts",
      "--students",
      String(SEEDED.students),
      "--retakes",
      String(SEEDED.retakes),
      "--class",
      classId,
    ],
    {
      encoding: "utf8",
      env: { ...process.env, ...e2eDatabaseEnv() },
    },
  );
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as { firstAttempts: number; allAttempts: number };
}

async function attemptCount(page: Page): Promise<number> {
  return Number(await page.getByTestId("attempt-count").textContent());
}

test("an instructor reads the item analysis: every question, its flags, the chart and both attempt scopes", async ({
  instructorPage: page,
  instructor,
  accounts,
}) => {
  test.setTimeout(120_000);
  const { id: classId } = await accounts.createClass([instructor]);
  const seeded = seedAttempts(classId);
  expect(seeded).toMatchObject({ firstAttempts: SEEDED.students, allAttempts: SEEDED.students + SEEDED.retakes });

  await page.goto("/instructor/quiz");
  await expect(page.getByRole("heading", { level: 1, name: "Quiz item analysis" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Instructor" }).getByRole("link", { name: "Quiz items" })).toHaveAttribute(
    "aria-current",
    "page",
  );

  // First attempts by default.
  const scopes = page.getByRole("navigation", { name: "Which attempts" });
  await expect(scopes.getByRole("link", { name: /First attempts/ })).toHaveAttribute("aria-current", "page");
  const first = await attemptCount(page);
  expect(first).toBe(SEEDED.students);
  await expect(page.getByTestId("below-minimum")).toHaveCount(0);

  // The table: one row per question, the full data.
  const table = page.getByRole("region", { name: /Quiz items/ });
  await expect(table.getByRole("rowheader")).toHaveCount(15);
  // Every seeded student got question 1 right on a first attempt: flagged as too easy, in words.
  const q1 = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Q1", exact: true }) });
  await expect(q1).toContainText(/Too easy: \d+(\.\d)?% right/);
  await expect(q1.getByText("✓ right")).toHaveCount(1);
  // Question 14 is right only for the weaker seeded students.
  const q14 = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Q14", exact: true }) });
  await expect(q14).toContainText("Negative discrimination: D = −");

  // The chart has a text alternative naming what it shows and which questions are flagged.
  const chart = page.getByRole("img", { name: /Facility against discrimination/ });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAccessibleName(/Flagged \(\d+\): .*Q1 \d+% right/);
  await expect(page.getByTestId("flagged-item").filter({ has: page.getByText("Q1", { exact: true }) })).toContainText("Too easy");

  await expectAccessible(page);
  await shoot(page, "instructor-quiz");

  // At phone width the page itself does not scroll sideways (the table scrolls in its own region).
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

  // The toggle is a plain link. The seeded retakes asked other versions of the questions (quiz
  // variants), so they are named and kept out of the figures rather than mixed in.
  await scopes.getByRole("link", { name: /All attempts/ }).click();
  await expect(page).toHaveURL(/\/instructor\/quiz\?attempts=all$/);
  await expect(scopes.getByRole("link", { name: /All attempts/ })).toHaveAttribute("aria-current", "page");
  expect(await attemptCount(page)).toBe(SEEDED.students + SEEDED.retakes);
  await expect(scopes).toContainText(`${SEEDED.retakes} retakes asked other versions of the questions`);
  await expect(table.getByRole("rowheader")).toHaveCount(15);
  await expectAccessible(page);
});

test("a student gets 403 at the quiz item analysis", async ({ studentPage: page }) => {
  const response = await page.goto("/instructor/quiz");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Instructors only" })).toBeVisible();
  await expect(page.getByText("Quiz item analysis")).toHaveCount(0);
});
