import { expectAccessible } from "./support/a11y";
import { AuthPages, newAccount } from "./support/auth-pages";
import { expect, test } from "./support/fixtures";
import { QuizPage, quizFile } from "./support/quiz-page";

// Every version of every question: guests see other versions than an account's first attempt.
const explanations = quizFile.questions.flatMap((q) => [q, ...(q.alternatives ?? [])].flatMap((v) => v.options.map((o) => o.explanation)));

test("answer keys and explanations are nowhere in the page or its payloads before submitting", async ({ page }) => {
  // Every response passes through here whole (streamed ones included), so nothing escapes the check.
  const bodies: { url: string; body: string }[] = [];
  await page.route("**/*", async (route) => {
    try {
      const response = await route.fetch();
      const body = await response.text();
      bodies.push({ url: route.request().url(), body });
      await route.fulfill({ response, body });
    } catch {
      // A request the page itself abandoned (e.g. by reloading): nothing reached it.
      await route.abort().catch(() => undefined);
    }
  });
  const leaks = (body: string) =>
    /\\?"(correct|isCorrect|explanation)\\?"\s*:/.test(body) || explanations.some((e) => body.includes(e.slice(0, 60)));

  const quiz = new QuizPage(page);
  await quiz.open();
  await quiz.answer(1);
  await quiz.answer(2);
  await page.reload();
  await expect(quiz.question(15)).toBeVisible();
  bodies.push({ url: "dom", body: await page.content() });
  expect(bodies.length).toBeGreaterThan(3);
  expect(bodies.filter((b) => leaks(b.body)).map((b) => b.url)).toEqual([]);
  await expectAccessible(page);

  // The same check does see the explanations in the grading response.
  const before = bodies.length;
  await quiz.submit();
  expect(bodies.slice(before).some((b) => leaks(b.body))).toBe(true);
  await page.unrouteAll({ behavior: "ignoreErrors" });
});

test("a guest answers, reloads, sees the unanswered list, submits, reads the explanations, retakes", async ({ page }) => {
  const quiz = new QuizPage(page);
  await quiz.open();
  await quiz.answer(1);
  await quiz.answer(2);
  await quiz.answer(3, { right: false });
  await expect(page.getByText("3 of 15 answered")).toBeVisible();

  // Arrow keys move within a radio group and never submit.
  const q1 = quiz.question(1);
  const checked = q1.getByRole("radio", { checked: true });
  await checked.focus();
  await page.keyboard.press("ArrowDown");
  await expect(q1.getByRole("radio", { checked: true })).toBeFocused();
  await expect(page.getByRole("heading", { name: /^Score:/ })).toHaveCount(0);
  await quiz.answer(1); // back to the right one

  await page.reload();
  await expect(page.getByText("3 of 15 answered")).toBeVisible();
  await expect(quiz.question(1).getByLabel((await quiz.choices(1))[0]!, { exact: true })).toBeChecked();

  await page.getByRole("button", { name: "Submit quiz" }).click();
  const confirm = page.getByRole("region", { name: "12 questions unanswered" });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole("list", { name: "Unanswered questions" }).getByRole("listitem")).toHaveCount(12);
  await expect(confirm.getByRole("link", { name: "Question 4" })).toBeVisible();
  await expectAccessible(page);
  await confirm.getByRole("button", { name: "Submit anyway" }).click();

  await expect(page.getByRole("heading", { name: "Score: 2/15" })).toBeVisible();
  const results = page.getByTestId("result-question");
  await expect(results).toHaveCount(15);
  await expect(results.first()).toContainText("Question 1: right");
  await expect(results.nth(2)).toContainText("Question 3: not right");
  await expect(results.nth(2)).toContainText("Your answer");
  await expect(results.nth(2)).toContainText("Right answer");
  await expect(results.nth(3)).toContainText("Question 4: not answered");
  // The default review policy ("answered"): keys and explanations only for the questions answered.
  await expect(results.nth(3)).not.toContainText("· Right answer");
  const q4 = quizFile.questions[3]!;
  for (const o of [q4, ...(q4.alternatives ?? [])].flatMap((v) => v.options)) await expect(results.nth(3)).not.toContainText(o.explanation);
  await expect(results.nth(3).getByRole("link")).toHaveAttribute("href", /\/lessons\/local-qwen-vl#/);
  // Question 3's numbers are drawn per attempt: its explanations are worked out from them.
  await expect(results.nth(2)).toContainText("Percent on GPU is size_vram / size x 100");
  await expect(results.first().getByRole("link")).toHaveAttribute("href", /\/lessons\/local-qwen-vl#/);
  await expect(page.getByRole("table")).toContainText("resident memory");
  await expectAccessible(page);

  // The score is in the progress: lesson page and catalogue.
  await page.goto("/lessons/local-qwen-vl");
  await expect(page.getByTestId("quiz-best")).toHaveText(/Best score: 2\/15/);
  await page.goto("/");
  await expect(page.getByTestId("progress-local-qwen-vl")).toContainText("Quiz best 2/15");

  // Retake: a clean sheet.
  await quiz.open();
  await expect(page.getByText("0 of 15 answered")).toBeVisible();
});

test("a blank guest attempt reveals no key under the default policy, and option ids differ per browser", async ({ page, browser }) => {
  const bodies: string[] = [];
  await page.route("**/*", async (route) => {
    try {
      const response = await route.fetch();
      const body = await response.text();
      bodies.push(body);
      await route.fulfill({ response, body });
    } catch {
      await route.abort().catch(() => undefined);
    }
  });
  const quiz = new QuizPage(page);
  await quiz.open();
  await expect(page.getByTestId("review-policy")).toHaveText(/each question you answered shows its right answer/);
  const mine = await quiz.optionIds(1);

  // Another browser (another guest) is offered other ids for the same options.
  const other = await browser.newContext();
  const otherQuiz = new QuizPage(await other.newPage());
  await otherQuiz.open();
  const theirs = await otherQuiz.optionIds(1);
  expect(theirs).toHaveLength(mine.length);
  expect(theirs.filter((id) => mine.includes(id))).toEqual([]);
  await other.close();

  const before = bodies.length;
  await quiz.submit();
  await expect(page.getByRole("heading", { name: "Score: 0/15" })).toBeVisible();
  const results = quiz.results();
  await expect(results).toHaveCount(15);
  for (const [i, q] of quizFile.questions.entries()) {
    const result = results.nth(i);
    await expect(result).toContainText(`Question ${i + 1}: not answered`);
    await expect(result.getByRole("link")).toHaveAttribute("href", /\/lessons\/local-qwen-vl#/);
    // The right option is marked right nowhere on the page.
    for (const o of q.options.filter((x) => x.correct)) {
      await expect(
        page
          .locator("li")
          .filter({ hasText: o.text })
          .filter({ hasText: /· Right answer/ }),
      ).toHaveCount(0);
    }
  }
  await expect(page.getByText("· Right answer")).toHaveCount(0);
  // Nor is any key or explanation in what the server sent for the grading.
  const graded = bodies.slice(before);
  expect(graded.some((b) => b.includes("Score") || b.includes('"score"'))).toBe(true);
  expect(graded.filter((b) => /\\?"explanation\\?"\s*:|\\?"isCorrect\\?"\s*:\s*true/.test(b))).toEqual([]);
  expect(graded.filter((b) => explanations.some((e) => b.includes(e.slice(0, 60))))).toEqual([]);
  await expectAccessible(page);
  await page.unrouteAll({ behavior: "ignoreErrors" });
});

test("leaving mid-attempt asks nothing: the answers are saved", async ({ page }) => {
  const quiz = new QuizPage(page);
  await quiz.open();
  await quiz.answer(1);
  await expect(page.getByText("1 of 15 answered")).toBeVisible();
  let dialogs = 0;
  page.on("dialog", (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  await page.getByRole("banner").getByRole("link", { name: "Lessons" }).click();
  await expect(page).toHaveURL("/");
  expect(dialogs).toBe(0);
});

test("a signed-in student's best and latest scores follow retakes, and a guest score joins the account", async ({ page }) => {
  const quiz = new QuizPage(page);
  // As a guest first: 4 right.
  await quiz.open();
  for (const n of [1, 2, 3, 4]) await quiz.answer(n);
  await quiz.submit();
  await expect(page.getByRole("heading", { name: "Score: 4/15" })).toBeVisible();

  // Signing up is how the guest's score joins an account here: through the form.
  const account = newAccount("quizzer");
  await new AuthPages(page).signUp(account, "/signup?callbackUrl=%2Flessons%2Flocal-qwen-vl");
  await expect(page).toHaveURL("/lessons/local-qwen-vl");
  await expect(page.getByTestId("quiz-best")).toHaveText(/Best score: 4\/15/);

  // Signed in: every question right.
  await quiz.open();
  for (let n = 1; n <= 15; n++) await quiz.answer(n);
  // Reload mid-attempt, once the page no longer says it is saving: the account kept the answers.
  await expect(page.getByText("15 of 15 answered · Answers save to your account as you go")).toBeVisible();
  await page.reload();
  await expect(page.getByText("15 of 15 answered")).toBeVisible();
  await quiz.submit();
  await expect(page.getByRole("heading", { name: "Score: 15/15" })).toBeVisible();
  await expect(page).toHaveURL(/\?attempt=/);
  // The results page reopens from its address.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Score: 15/15" })).toBeVisible();

  await page.getByRole("button", { name: "Retake the quiz" }).click();
  await expect(page.getByText("0 of 15 answered")).toBeVisible();
  await quiz.answer(1);
  await quiz.submit();
  await expect(page.getByRole("heading", { name: "Score: 1/15" })).toBeVisible();

  await page.goto("/lessons/local-qwen-vl");
  await expect(page.getByTestId("quiz-best")).toHaveText("Best score: 15/15 · latest 1/15");
  // The map shows each concept's mastery: right in one attempt and wrong in the latest is "Attempted".
  const levels = page.getByRole("navigation", { name: "What this lesson covers" }).getByTestId("concept-mastery");
  await expect(levels.filter({ hasText: "Attempted" }).first()).toBeVisible();
  await page.goto("/");
  await expect(page.getByTestId("progress-local-qwen-vl")).toContainText("Quiz best 15/15");
});

test("an instructor sees each student's first and best quiz scores", async ({ studentPage, student, instructorPage: page, classroom }) => {
  test.slow(); // three quizzes by one student, every answer saved
  const quiz = new QuizPage(studentPage);
  await quiz.open();
  for (const n of [1, 2]) await quiz.answer(n);
  await quiz.submit();
  await expect(studentPage.getByRole("heading", { name: "Score: 2/15" })).toBeVisible();
  for (const count of [5, 1]) {
    await studentPage.getByRole("button", { name: "Retake the quiz" }).click();
    await expect(studentPage.getByText("0 of 15 answered")).toBeVisible();
    for (let n = 1; n <= count; n++) await quiz.answer(n);
    await quiz.submit();
    await expect(studentPage.getByRole("heading", { name: `Score: ${count}/15` })).toBeVisible();
  }

  await page.goto("/instructor");
  // The one class this instructor teaches is the one shown.
  await expect(page.getByRole("combobox", { name: "Class", exact: true })).toHaveValue(classroom.id);
  const table = page.getByRole("table", { name: /^Students/ });
  await expect(table.getByRole("columnheader", { name: "Quiz (first / best)" })).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: student.email })).toContainText("2/15 · 5/15");
  await expectAccessible(page);
});

test("without JavaScript the quiz page says what it needs, instead of loading for ever", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/lessons/local-qwen-vl/quiz");
  await expect(page.getByRole("heading", { level: 1, name: "Check what stuck" })).toBeVisible();
  await expect(page.getByText(/The quiz needs JavaScript: it loads your questions and grades your answers on the server/)).toBeVisible();
  await context.close();
});

test("a session that ended since the page was served gets a guest's quiz, under one guest identity", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  // A session cookie the server no longer honours: the page is flagged a member's, the JSON says guest.
  await context.addCookies([{ name: "authjs.session-token", value: "ended", url: baseURL! }]);
  const page = await context.newPage();
  await new QuizPage(page).open();
  await expect(page.getByText("0 of 15 answered · Answers save in this browser as you go")).toBeVisible();
  const identities = (await context.cookies()).filter((c) => /guest/i.test(c.name));
  expect(identities).toHaveLength(1);
  await context.close();
});
