import { expectAccessible } from "./support/a11y";
import { expect, test } from "./support/fixtures";
import { QuizPage } from "./support/quiz-page";
import { shoot } from "./support/screenshots";

// Issue 27, the quiz as a returning student meets it: retakes that ask versions not seen yet, the
// last result first on coming back, a running count and a question list on a phone, and no
// "leave?" prompt when every answer is already saved. Few answers per attempt: the walk is about
// what the page asks and shows, not about grading.

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

test("three attempts repeat no stem; coming back shows the last result first; leaving a saved quiz asks nothing", async ({
  studentPage: page,
}) => {
  test.slow(); // three attempts, each answer saved as it is given
  await page.setViewportSize(DESKTOP);
  const quiz = new QuizPage(page);
  let dialogs = 0;
  page.on("dialog", (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });

  await quiz.open();
  await expect(page.getByText(/every question has at least 3 versions, so retakes 1 and 2 ask only new ones/)).toBeVisible();
  const first = await quiz.prompts();
  expect(first).toHaveLength(15);
  await quiz.answer(1);
  await quiz.submit();
  await expect(page.getByRole("heading", { name: "Score: 1/15" })).toBeVisible();
  await expect(page.getByTestId("result-standing")).toHaveText("7% · attempt 1 · best 1/15");

  await page.getByRole("button", { name: "Retake the quiz" }).click();
  await expect(page.getByText("0 of 15 answered")).toBeVisible();
  const second = await quiz.prompts();
  // Every slot has a third version (or drawn numbers), so nothing of attempt 1 comes back.
  expect(second.filter((p) => first.includes(p))).toEqual([]);
  for (const n of [1, 2, 3]) await quiz.answer(n);
  await quiz.submit();
  await expect(page.getByRole("heading", { name: "Score: 3/15" })).toBeVisible();
  await expect(page.getByTestId("result-standing")).toHaveText("20% · attempt 2 · best 3/15 · up from 1/15");

  // Coming back: the last result first, its review a link away, the next attempt on request.
  await quiz.open();
  await expect(page.getByRole("heading", { name: "Your last attempt: 3/15 (20%) · best 3/15 · up from 1/15" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Review attempt 2" })).toHaveAttribute("href", /\?attempt=/);
  await expect(page.getByRole("group", { name: /^Question 1\./ })).toHaveCount(0);
  await expect(page.getByTestId("attempt-history")).toContainText("Attempt 2: 3/15");
  await expectAccessible(page);
  await shoot(page, "walk-quiz-result-first");

  await quiz.startNewAttempt();
  const third = await quiz.prompts();
  expect(third.filter((p) => first.includes(p) || second.includes(p))).toEqual([]);

  // A saved answer is not lost by leaving, so leaving asks nothing.
  await quiz.answer(1);
  await expect(page.getByText("1 of 15 answered · Answers save to your account as you go")).toBeVisible();
  await page.getByRole("banner").getByRole("link", { name: "Lessons" }).click();
  await expect(page).toHaveURL("/");
  expect(dialogs).toBe(0);
});

test("on a phone the count stays in view and the question list moves focus to the question", async ({ studentPage: page }) => {
  await page.setViewportSize(PHONE);
  const quiz = new QuizPage(page);
  await quiz.open();
  for (const n of [1, 2]) await quiz.answer(n);
  await quiz.question(10).scrollIntoViewIfNeeded();
  await expect(quiz.progress()).toBeInViewport();
  await expect(quiz.progress()).toContainText("2 of 15 answered");

  await quiz.progress().getByRole("button", { name: "Questions" }).click();
  await expect(quiz.progress().getByRole("link", { name: "Question 2, answered" })).toBeVisible();
  await expect(quiz.progress().getByRole("link", { name: "Question 7, not answered" })).toBeVisible();
  await quiz.progress().getByRole("link", { name: "Question 7, not answered" }).click();
  await expect(quiz.question(7)).toBeFocused();
  await expect(quiz.question(7)).toBeInViewport();
  await expect(quiz.progress().getByRole("link", { name: /^Question 7, / })).toBeHidden();
  await shoot(page, "walk-quiz-phone-mid");

  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await expectAccessible(page);
  }
  await page.emulateMedia({ colorScheme: null });
});
