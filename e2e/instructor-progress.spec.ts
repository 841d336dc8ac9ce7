import { expectAccessible } from "./support/a11y";
import { expect, test } from "./support/fixtures";
import { LabPage } from "./support/lab-page";
import { QuizPage } from "./support/quiz-page";
import { shoot } from "./support/screenshots";

// Class progress: who is where, one student's whole record, and the student's own attempt history.

test("an instructor sees who is where, opens a student's attempts and runs; the student sees their own history", async ({
  studentPage: student,
  student: studentAccount,
  instructorPage: teacher,
  classroom,
}) => {
  test.setTimeout(120_000);

  // Two quiz attempts: 3 right, then 5 right.
  const quiz = new QuizPage(student);
  await quiz.open();
  for (const n of [1, 2, 3]) await quiz.answer(n);
  await quiz.submit();
  await student.getByRole("button", { name: /Retake/ }).click();
  for (const n of [1, 2, 3, 4, 5]) await quiz.answer(n);
  await quiz.submit();
  await quiz.open();
  const history = student.getByTestId("attempt-history");
  await expect(history.getByRole("listitem")).toHaveCount(2);
  await expect(history).toContainText("Attempt 1: 3/15");
  await expect(history).toContainText("Attempt 2: 5/15");
  await history.getByRole("link", { name: "Attempt 1: 3/15" }).click();
  await expect(student.getByRole("heading", { name: "Score: 3/15" })).toBeVisible();

  // One lab run on a sample.
  const lab = new LabPage(student);
  await lab.open();
  await lab.pickSample("Notification settings screen");
  await lab.run();
  await lab.waitForAllDone(7);

  // The instructor's class table.
  await teacher.goto("/instructor");
  // The one class this instructor teaches is the one shown.
  await expect(teacher.getByRole("combobox", { name: "Class", exact: true })).toHaveValue(classroom.id);
  await expect(teacher.getByRole("heading", { level: 1, name: "Class progress" })).toBeVisible();
  await expect(teacher.getByTestId("class-totals")).toContainText("Students");
  await teacher.getByLabel("Search").fill(studentAccount.email);
  await teacher.getByRole("button", { name: "Apply" }).click();
  const table = teacher.getByRole("table", { name: /^Students/ });
  const row = table.getByRole("row").filter({ hasText: studentAccount.email });
  await expect(row).toContainText("3/15 · 5/15");
  await expect(row).toContainText("5/15 (2)");
  await expect(row.getByRole("cell").nth(3)).toHaveText("1");
  // Filters: this student has started the lab, so "has not started the lab" leaves them out.
  await teacher.getByLabel("Show").selectOption("not-started-lab");
  await teacher.getByRole("button", { name: "Apply" }).click();
  await expect(table.getByRole("row").filter({ hasText: studentAccount.email })).toHaveCount(0);
  await teacher.getByLabel("Show").selectOption("all");
  await teacher.getByRole("button", { name: "Apply" }).click();
  // Sorting by a column marks it.
  await table.getByRole("link", { name: "Lab runs" }).click();
  await expect(table.getByRole("columnheader", { name: /Lab runs/ })).toHaveAttribute("aria-sort", "ascending");
  await expectAccessible(teacher);
  await shoot(teacher, "instructor-class-progress");

  // One student's record.
  await table.getByRole("link", { name: studentAccount.name }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: studentAccount.name })).toBeVisible();
  await expect(teacher.getByRole("heading", { name: "Quiz attempts (2)" })).toBeVisible();
  await teacher.getByText("Attempt 1: 3/15").click();
  await expect(teacher.getByText(/^4\. Not answered/).first()).toBeVisible();
  await expectAccessible(teacher);
  await shoot(teacher, "instructor-student");
  await teacher
    .getByRole("region", { name: /Lab runs/ })
    .getByRole("link")
    .first()
    .click();
  await expect(teacher.getByRole("heading", { level: 1, name: `${studentAccount.name}'s lab run` })).toBeVisible();
  await expect(teacher.getByRole("img", { name: `The screenshot ${studentAccount.name} ran` })).toBeVisible();
  await expect(teacher.getByTestId("cell-status").filter({ hasText: "Done" })).toHaveCount(7);
  await expect(teacher.getByRole("button", { name: /Retry|Cancel/ })).toHaveCount(0);
  await expectAccessible(teacher);

  // Students cannot reach any of it.
  expect((await student.goto("/instructor"))?.status()).toBe(403);
  expect((await student.goto(`/instructor/students/${encodeURIComponent("anything")}`))?.status()).toBe(403);
});
