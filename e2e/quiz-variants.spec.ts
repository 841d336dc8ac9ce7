import { expectAccessible } from "./support/a11y";
import { DAY, HOUR } from "./support/clock";
import { expect, test } from "./support/fixtures";
import { QuizPage } from "./support/quiz-page";
import { shoot } from "./support/screenshots";

// Retakes that mean something (other stems, new numbers), partial credit, and the spaced review a
// day later. The app's scheduling clock is moved for this test's student only (the clock fixture,
// e2e/support/clock.ts), so nobody else's quiz moves with it.

const prompt = async (quiz: QuizPage, n: number) =>
  (await quiz.question(n).locator("legend").innerText()).replace(/^Question \d+\.\s*/, "");

test("a retake asks other questions on the same concepts, with new numbers; multiple select earns partial credit", async ({
  studentPage: page,
}) => {
  const quiz = new QuizPage(page);
  await quiz.open();
  const firstPrompts = await Promise.all([1, 2, 3, 6].map((n) => prompt(quiz, n)));
  // Question 2 is multiple select; a first attempt shows its first variant, with two right
  // options: one of them, and nothing wrong, earns half a point.
  for (let n = 1; n <= 15; n++) await quiz.answer(n, { count: n === 2 ? 1 : undefined });
  await expect(quiz.question(2).getByText("Select all that apply.")).toBeVisible();
  await quiz.submit();
  const q2Result = quiz.results().nth(1);
  await expect(q2Result).toContainText("Question 2: partly right");
  await expect(q2Result.getByTestId("question-credit")).toHaveText("0.5 of 1 point");
  await expect(page.getByRole("heading", { name: "Score: 14.5/15" })).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "quiz-partial-credit");

  await page.getByRole("button", { name: "Retake the quiz" }).click();
  await expect(page.getByText("0 of 15 answered")).toBeVisible();
  const retakePrompts = await Promise.all([1, 2, 3, 6].map((n) => prompt(quiz, n)));
  // Every one of these is a different question now: alternatives (1, 2) and drawn numbers (3, 6).
  retakePrompts.forEach((p, i) => expect(p, `question ${[1, 2, 3, 6][i]}`).not.toBe(firstPrompts[i]));
  for (let n = 1; n <= 15; n++) await quiz.answer(n);
  await quiz.submit();
  await expect(page.getByRole("heading", { name: "Score: 15/15" })).toBeVisible();
});

test("a day after a quiz with misses, a spaced review is due on the catalogue and asks about what was missed", async ({
  studentPage: page,
  student,
  clock,
}) => {
  test.setTimeout(90_000);
  const quiz = new QuizPage(page);
  await quiz.open();
  for (let n = 1; n <= 15; n++) await quiz.answer(n, { right: n > 1 });
  await quiz.submit();

  await page.goto("/lessons/local-qwen-vl/review");
  await expect(page.getByText("Not yet: sleep on it")).toBeVisible();
  await page.goto("/");
  await expect(page.getByTestId("review-due")).toHaveCount(0);

  clock.set(student, DAY + HOUR);
  await page.goto("/");
  const due = page.getByTestId("review-due");
  await expect(due).toHaveCount(1);
  await expect(due).toContainText("resident memory");
  await expectAccessible(page);
  await shoot(page, "review-due");
  await due.getByRole("link", { name: "Start the review" }).click();
  await expect(page).toHaveURL("/lessons/local-qwen-vl/review");
  await expect(page.getByRole("heading", { level: 1, name: "What lasted?" })).toBeVisible();
  await expect(page.getByTestId("review-concepts")).toContainText("resident memory");
  const count = await page.getByRole("group", { name: /^Question \d+\./ }).count();
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThanOrEqual(6);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Submit review" }).click();
  await page.getByRole("button", { name: /Submit (anyway|now)/ }).click();
  await expect(page.getByRole("heading", { name: new RegExp(`^Score: 0/${count}$`) })).toBeVisible();
  await expect(page.getByRole("button", { name: "Retake the quiz" })).toHaveCount(0);
});
