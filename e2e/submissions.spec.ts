import { expectAccessible } from "./support/a11y";
import { expect, test } from "./support/fixtures";
import { LabPage } from "./support/lab-page";
import { ReviewPage } from "./support/review-page";
import { shoot } from "./support/screenshots";
import { WriteUpPage } from "./support/write-up-page";

// The mission's second half: a student runs, writes up, submits; an instructor claims, scores,
// comments and returns; the student revises and resubmits; the instructor completes the review.

const ollama = process.env.E2E_OLLAMA_URL!;
const paragraph = (words: number) =>
  Array.from({ length: words }, (_, i) => ["The", "vision", "model", "read", "every", "label", "and", "toggle"][i % 8]).join(" ");

test.describe("lab write-up and review", () => {
  test.describe.configure({ mode: "serial" });
  test.setTimeout(180_000);

  test("student writes up and submits; instructor reviews and returns; student revises; instructor completes", async ({
    studentPage: student,
    instructorPage: teacher,
    accounts,
    classroom,
  }) => {
    // This spec's models, healthy (not a global reset: other specs share the double).
    for (const model of ["llama3.2:3b", "qwen2.5vl:3b"])
      await student.request.post(`${ollama}/__test/failure`, { data: { model, mode: "none" } });
    const lab = new LabPage(student);
    await lab.open();
    await lab.pickSample("Notification settings screen");
    await expect(student.getByText(/1280x800 PNG, .* metadata removed/)).toBeVisible();
    await lab.run();
    await lab.waitForAllDone(7);

    // The write-up, under its heading, filled in from the run.
    await student.getByRole("link", { name: "write it up" }).click();
    await expect(student).toHaveURL(/#write-up$/);
    const writeUp = new WriteUpPage(student);
    await expect(writeUp.region.getByRole("heading", { name: "Write-up" })).toBeVisible();
    await writeUp.useRunShown();
    await expect(writeUp.region.getByTestId("evidence-models")).toContainText("qwen2.5vl:3b");
    await expect(writeUp.region.getByTestId("evidence-models")).toContainText("Ollama 0.32.15");
    await expect(writeUp.region.getByRole("table", { name: "Evidence from the run" })).toContainText("tok");
    await writeUp.rate("qwen2.5vl:3b", "Task-specific", "4");
    await writeUp.region.getByRole("checkbox", { name: "Guessed hidden state" }).first().check();
    await writeUp.cannotKnow.fill("Which toggles are on\nThe email address");
    await writeUp.expectSaved();
    // Before submitting, the rubric (criteria, levels, points, grade bands) is there to read; the
    // exemplars are not, yet.
    const guide = student.getByTestId("rubric-guide");
    await guide.getByText("Rubric: how your write-up is marked").click();
    await expect(guide.getByRole("heading", { name: "Evidence recorded" })).toBeVisible();
    await expect(guide.getByRole("table", { name: "Grade bands" })).toContainText("Excellent");
    await expect(student.getByTestId("exemplars")).toHaveCount(0);
    await expectAccessible(student);
    await shoot(student, "lab-write-up-draft");

    // A reload finds the draft.
    await student.reload();
    await expect(writeUp.cannotKnow).toHaveValue("Which toggles are on\nThe email address");
    await expect(writeUp.rating("qwen2.5vl:3b", "Task-specific", "4")).toBeChecked();

    // Submitting with pieces missing lists exactly those, each a link to its field.
    await writeUp.submit();
    const missing = writeUp.missing;
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
    await expect(writeUp.surprisingFailure).toBeFocused();

    await writeUp.rateAll("3");
    await writeUp.surprisingFailure.fill("It listed dropdown options that are not on the screen.");
    await writeUp.whereItHappened.selectOption({ label: "qwen2.5vl:3b, Likely failure" });
    await writeUp.recommend("Use it only for a narrow job");
    await writeUp.narrowJob.fill("Reading visible labels on settings screens");
    await writeUp.paragraph.fill(paragraph(30));
    await expect(writeUp.wordCount).toHaveText("30 words (60 to 250)");
    await writeUp.submit();
    await expect(writeUp.missing).toContainText("The recommendation paragraph has 30 words; it needs 60 to 250.");
    await writeUp.paragraph.fill(paragraph(72));
    await expect(writeUp.wordCount).toHaveText("72 words (60 to 250)");
    // In one class: no choice to make, the panel says where it goes.
    await expect(writeUp.region.getByText(`This write-up goes to ${classroom.name}.`)).toBeVisible();
    await writeUp.submit();
    await expect(writeUp.state).toHaveText("Submitted");
    await expect(writeUp.paragraph).toBeDisabled();
    await writeUp.region.getByRole("link", { name: "See it in My submissions" }).click();
    await expect(student).toHaveURL(/\/submissions\/[a-z0-9]+$/);
    const submissionUrl = student.url();
    await expect(student.getByRole("heading", { name: "Lab write-up" })).toBeVisible();
    await expect(student.getByTestId("submission-state")).toHaveText("Submitted");
    // Once submitted: one exemplar per recommendation kind.
    const exemplars = student.getByRole("region", { name: "Exemplars" });
    await expect(exemplars.getByText(/^(Use it|Do not use it|Use it only for a narrow job): /)).toHaveCount(3);
    await expectAccessible(student);
    await shoot(student, "submission-submitted");

    // The instructor: the queue, a claim, the rubric, the comment bank, a return.
    const review = new ReviewPage(teacher);
    await review.openQueue();
    await expectAccessible(teacher);
    await shoot(teacher, "review-queue");
    const id = submissionUrl.split("/").pop()!;
    await review.open(id);
    await expect(teacher.getByRole("img", { name: /The screenshot of this run/ })).toBeVisible();
    await expect(teacher.getByTestId("student-rating-VISION:task")).toContainText("3 / 5");
    await review.claim();
    const rubric = review.rubric;
    for (const criterion of [
      "Evidence recorded",
      "Quality judgements",
      "Failure analysis",
      "What the text-only model cannot know",
      "Recommendation justified by the evidence",
      "Licence and hardware considered",
    ]) {
      await review.criterion(criterion).getByRole("radio").nth(1).check();
    }
    await expect(rubric.getByLabel("Grade")).toHaveValue("6");
    await expect(teacher.getByTestId("grade-band").first()).toContainText("Not yet (0 to 6 points)");
    await review.feedback.fill("Quote the memory figures for both models.");
    await rubric.getByRole("button", { name: "Add to comment bank" }).click();
    await expect(review.commentBank).toContainText("Quote the memory figures for both models.");
    await review.feedback.fill("Good start.");
    await rubric.getByRole("button", { name: "Insert" }).first().click();
    await expect(review.feedback).toHaveValue("Good start.\nQuote the memory figures for both models.");
    await expect(review.saveStatus).toContainText("Draft saved at");
    await expectAccessible(teacher);
    await shoot(teacher, "review-page");
    await review.returnForRevision();

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
    await expect(writeUp.state).toHaveText("Returned for revision");
    await writeUp.cannotKnow.fill("Which toggles are on\nThe email address\nMemory: see the table");
    await writeUp.expectSaved();
    await writeUp.submit();
    await expect(writeUp.state).toHaveText("Submitted");

    // The instructor completes the review of version 2; version 1 stays readable.
    await review.openQueue();
    await teacher.getByRole("table").getByRole("link").first().click();
    await expect(teacher).toHaveURL(new RegExp(`/instructor/submissions/${id}$`));
    await expect(teacher.getByText(/Version 2, submitted/)).toBeVisible();
    await review.claim();
    await expect(rubric.getByRole("radiogroup")).toHaveCount(6);
    await review.scoreAll("last");
    await review.feedback.fill("Much better: the evidence now carries the recommendation.");
    await review.complete();

    await student.goto(submissionUrl);
    await expect(student.getByTestId("submission-state")).toHaveText("Completed");
    await expect(student.getByTestId("review-grade").first()).toHaveText("Grade: 18 / 18");
    await expect(student.getByRole("heading", { name: /Version 1/ })).toBeVisible();

    // Nobody else can reach any of it.
    const stranger = await accounts.newPage(await accounts.create({ prefix: "stranger" }));
    expect((await stranger.goto(submissionUrl))!.status()).toBe(404);
    expect((await stranger.goto(`/instructor/submissions/${id}`))!.status()).toBe(403);
    expect((await stranger.goto("/instructor/submissions"))!.status()).toBe(403);
    await stranger.goto("/submissions");
    await expect(stranger.getByText("Nothing yet.")).toBeVisible();
  });
});
