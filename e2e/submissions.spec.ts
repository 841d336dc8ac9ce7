import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible } from "./support/a11y";
import { AuthPages, newAccount, type Account } from "./support/auth-pages";
import { shoot } from "./support/screenshots";

// The mission's second half: a student runs, writes up, submits; an instructor claims, scores,
// comments and returns; the student revises and resubmits; the instructor completes the review.

const ollama = process.env.E2E_OLLAMA_URL!;
const LAB = "/lessons/local-qwen-vl/lab";
const reviewer: Account = { name: "Rita Reviewer", email: "reviewer@example.test", password: "reviewer-pass-123" };
const paragraph = (words: number) =>
  Array.from({ length: words }, (_, i) => ["The", "vision", "model", "read", "every", "label", "and", "toggle"][i % 8]).join(" ");

async function asNewUser(browser: Browser, account: Account): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await new AuthPages(page).signUpOrIn(account);
  return page;
}

async function runSample(page: Page) {
  await page.goto(LAB);
  await page.getByRole("button", { name: "Notification settings screen" }).click();
  await expect(page.getByText(/1280x800 PNG, .* metadata removed/)).toBeVisible();
  await page.getByRole("button", { name: "Run comparison" }).click();
  await expect(page).toHaveURL(/\?run=/);
  await expect(page.getByTestId("cell-status").filter({ hasText: "Done" })).toHaveCount(7, { timeout: 45_000 });
}

const writeUp = (page: Page) => page.getByRole("region", { name: "Write-up" });

async function rateAll(page: Page, rating: string) {
  for (const model of ["llama3.2:3b", "qwen2.5vl:3b"]) {
    for (const kind of ["Easy", "Task-specific", "Likely failure"]) {
      await writeUp(page)
        .getByRole("radiogroup", { name: `Rating: ${model}, ${kind}` })
        .getByRole("radio", { name: rating })
        .check();
    }
  }
}

test.describe("lab write-up and review", () => {
  test.describe.configure({ mode: "serial" });
  test.setTimeout(180_000);

  test("student writes up and submits; instructor reviews and returns; student revises; instructor completes", async ({ browser }) => {
    // This spec's models, healthy (not a global reset: other specs share the double).
    const control = (await browser.newContext()).request;
    for (const model of ["llama3.2:3b", "qwen2.5vl:3b"]) await control.post(`${ollama}/__test/failure`, { data: { model, mode: "none" } });
    const student = await asNewUser(browser, newAccount("writer"));
    await runSample(student);

    // The write-up, under its heading, filled in from the run.
    await student.getByRole("link", { name: "write it up" }).click();
    await expect(student).toHaveURL(/#write-up$/);
    await expect(writeUp(student).getByRole("heading", { name: "Write-up" })).toBeVisible();
    await writeUp(student).getByRole("button", { name: "Use the run shown above" }).click();
    await expect(writeUp(student).getByTestId("evidence-models")).toContainText("qwen2.5vl:3b");
    await expect(writeUp(student).getByTestId("evidence-models")).toContainText("Ollama 0.32.15");
    await expect(writeUp(student).getByRole("table", { name: "Evidence from the run" })).toContainText("tok");
    await writeUp(student)
      .getByRole("radiogroup", { name: "Rating: qwen2.5vl:3b, Task-specific" })
      .getByRole("radio", { name: "4" })
      .check();
    await writeUp(student).getByRole("checkbox", { name: "Guessed hidden state" }).first().check();
    await writeUp(student).getByLabel("What the text-only model cannot know").fill("Which toggles are on\nThe email address");
    await expect(writeUp(student).getByTestId("save-status")).toContainText("Saved at", { timeout: 10_000 });
    await expectAccessible(student);
    await shoot(student, "lab-write-up-draft");

    // A reload finds the draft.
    await student.reload();
    await expect(writeUp(student).getByLabel("What the text-only model cannot know")).toHaveValue(
      "Which toggles are on\nThe email address",
    );
    await expect(
      writeUp(student).getByRole("radiogroup", { name: "Rating: qwen2.5vl:3b, Task-specific" }).getByRole("radio", { name: "4" }),
    ).toBeChecked();

    // Submitting with pieces missing lists exactly those, each a link to its field.
    await writeUp(student).getByRole("button", { name: "Submit for review" }).click();
    const missing = writeUp(student).getByRole("alert");
    await expect(missing).toContainText("Before you submit");
    await expect(missing.getByRole("link")).toHaveText([
      "Rate llama3.2:3b, Easy (1 to 5).",
      "Rate llama3.2:3b, Task-specific (1 to 5).",
      "Rate llama3.2:3b, Likely failure (1 to 5).",
      "Rate qwen2.5vl:3b, Easy (1 to 5).",
      "Rate qwen2.5vl:3b, Likely failure (1 to 5).",
      "Describe one surprising failure.",
      "Say where the surprising failure happened.",
      "Choose a recommendation.",
      "Write the recommendation paragraph.",
    ]);
    await shoot(student, "lab-write-up-missing");
    await missing.getByRole("link", { name: "Describe one surprising failure." }).click();
    await expect(writeUp(student).getByLabel("Surprising failure")).toBeFocused();

    await rateAll(student, "3");
    await writeUp(student).getByLabel("Surprising failure").fill("It listed dropdown options that are not on the screen.");
    await writeUp(student).getByLabel("Where it happened").selectOption({ label: "qwen2.5vl:3b, Likely failure" });
    await writeUp(student).getByRole("radio", { name: "Use it only for a narrow job" }).check();
    await writeUp(student).getByLabel("Narrow job", { exact: true }).fill("Reading visible labels on settings screens");
    await writeUp(student).getByLabel("Recommendation paragraph").fill(paragraph(30));
    await expect(writeUp(student).getByTestId("word-count")).toHaveText("30 words (60 to 250)");
    await writeUp(student).getByRole("button", { name: "Submit for review" }).click();
    await expect(writeUp(student).getByRole("alert")).toContainText("The recommendation paragraph has 30 words; it needs 60 to 250.");
    await writeUp(student).getByLabel("Recommendation paragraph").fill(paragraph(72));
    await expect(writeUp(student).getByTestId("word-count")).toHaveText("72 words (60 to 250)");
    await writeUp(student).getByRole("button", { name: "Submit for review" }).click();
    await expect(writeUp(student).getByTestId("submission-state")).toHaveText("Submitted");
    await expect(writeUp(student).getByLabel("Recommendation paragraph")).toBeDisabled();
    await writeUp(student).getByRole("link", { name: "See it in My submissions" }).click();
    await expect(student).toHaveURL(/\/submissions\/[a-z0-9]+$/);
    const submissionUrl = student.url();
    await expect(student.getByRole("heading", { name: "Lab write-up" })).toBeVisible();
    await expect(student.getByTestId("submission-state")).toHaveText("Submitted");
    await expectAccessible(student);
    await shoot(student, "submission-submitted");

    // The instructor: the queue, a claim, the rubric, the comment bank, a return.
    const teacher = await asNewUser(browser, reviewer);
    await teacher.goto("/instructor/submissions");
    await expect(teacher.getByRole("heading", { name: "Review queue" })).toBeVisible();
    await expectAccessible(teacher);
    await shoot(teacher, "review-queue");
    const id = submissionUrl.split("/").pop()!;
    await teacher.goto(`/instructor/submissions/${id}`);
    await expect(teacher.getByRole("img", { name: /The screenshot of this run/ })).toBeVisible();
    await expect(teacher.getByTestId("student-rating-VISION:task")).toContainText("3 / 5");
    await teacher.getByRole("button", { name: "Claim" }).click();
    await expect(teacher.getByRole("button", { name: "Release" })).toBeVisible();
    const rubric = teacher.getByRole("complementary", { name: "Review" });
    for (const criterion of [
      "Evidence recorded",
      "Quality judgements",
      "Failure analysis",
      "What the text-only model cannot know",
      "Recommendation justified by the evidence",
      "Licence and hardware considered",
    ]) {
      await rubric.getByRole("radiogroup", { name: criterion }).getByRole("radio").nth(1).check();
    }
    await expect(rubric.getByLabel("Grade")).toHaveValue("6");
    await rubric.getByLabel("Overall feedback").fill("Quote the memory figures for both models.");
    await rubric.getByRole("button", { name: "Add to comment bank" }).click();
    await expect(rubric.getByTestId("comment-bank")).toContainText("Quote the memory figures for both models.");
    await rubric.getByLabel("Overall feedback").fill("Good start.");
    await rubric.getByRole("button", { name: "Insert" }).first().click();
    await expect(rubric.getByLabel("Overall feedback")).toHaveValue("Good start.\nQuote the memory figures for both models.");
    await expect(rubric.getByTestId("review-save-status")).toContainText("Draft saved at", { timeout: 10_000 });
    await expectAccessible(teacher);
    await shoot(teacher, "review-page");
    await rubric.getByRole("button", { name: "Return for revision" }).click();
    await expect(teacher.getByTestId("submission-state")).toHaveText("Returned for revision");

    // The student sees the badge and the feedback, revises and resubmits.
    await student.goto("/");
    await expect(student.getByRole("banner").getByTestId("feedback-badge")).toHaveText("1 new");
    await student
      .getByRole("banner")
      .getByRole("link", { name: /Submissions/ })
      .click();
    await expect(student.getByRole("heading", { name: "My submissions" })).toBeVisible();
    await expectAccessible(student);
    await shoot(student, "my-submissions");
    await expect(student.getByText("Returned for revision").first()).toBeVisible();
    await student.getByRole("link", { name: "Read the feedback" }).click();
    await expect(student.getByTestId("review-summary")).toContainText("Quote the memory figures for both models.");
    await expect(student.getByTestId("review-grade")).toHaveText("Grade: 6 / 18");
    await expectAccessible(student);
    await shoot(student, "submission-returned");
    await expect(student.getByRole("banner").getByTestId("feedback-badge")).toHaveCount(0);
    await student.getByRole("link", { name: "Revise and resubmit" }).click();
    await expect(writeUp(student).getByTestId("submission-state")).toHaveText("Returned for revision");
    await writeUp(student)
      .getByLabel("What the text-only model cannot know")
      .fill("Which toggles are on\nThe email address\nMemory: see the table");
    await expect(writeUp(student).getByTestId("save-status")).toContainText("Saved at", { timeout: 10_000 });
    await writeUp(student).getByRole("button", { name: "Submit for review" }).click();
    await expect(writeUp(student).getByTestId("submission-state")).toHaveText("Submitted");

    // The instructor completes the review of version 2; version 1 stays readable.
    await teacher.goto("/instructor/submissions");
    await teacher.getByRole("table").getByRole("link").first().click();
    await expect(teacher).toHaveURL(new RegExp(`/instructor/submissions/${id}$`));
    await expect(teacher.getByText(/Version 2, submitted/)).toBeVisible();
    await teacher.getByRole("button", { name: "Claim" }).click();
    const panel = teacher.getByRole("complementary", { name: "Review" });
    await expect(panel.getByRole("radiogroup")).toHaveCount(6);
    for (const group of await panel.getByRole("radiogroup").all()) await group.getByRole("radio").last().check();
    await panel.getByLabel("Overall feedback").fill("Much better: the evidence now carries the recommendation.");
    await panel.getByRole("button", { name: "Complete review" }).click();
    await expect(teacher.getByTestId("submission-state")).toHaveText("Completed");

    await student.goto(submissionUrl);
    await expect(student.getByTestId("submission-state")).toHaveText("Completed");
    await expect(student.getByTestId("review-grade").first()).toHaveText("Grade: 18 / 18");
    await expect(student.getByRole("heading", { name: /Version 1/ })).toBeVisible();

    // Nobody else can reach any of it.
    const stranger = await asNewUser(browser, newAccount("stranger"));
    expect((await stranger.goto(submissionUrl))!.status()).toBe(404);
    expect((await stranger.goto(`/instructor/submissions/${id}`))!.status()).toBe(403);
    expect((await stranger.goto("/instructor/submissions"))!.status()).toBe(403);
    await stranger.goto("/submissions");
    await expect(stranger.getByText("Nothing yet.")).toBeVisible();
  });
});
