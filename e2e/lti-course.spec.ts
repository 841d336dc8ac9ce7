import { randomUUID } from "node:crypto";
import { expectAccessible } from "./support/a11y";
import { expect, test } from "./support/fixtures";
import { LabPage } from "./support/lab-page";
import { freshPage, launchFrom, ltiPlatform, registerCourseSite, type PlannedLaunch } from "./support/lti";
import { ReviewPage } from "./support/review-page";
import { shoot } from "./support/screenshots";
import { WriteUpPage } from "./support/write-up-page";

// The whole course-site story of issue 29, as its people live it: an instructor registers the
// course site; the course's teacher launches in (the course becomes a class they teach) and adds the
// lab write-up through deep linking (a gradebook column comes with it); two learners launch in; one
// runs the lab and submits a write-up; the teacher completes its review here; the grade, with the
// teacher's comment, reaches the course site's gradebook.

const LESSON = "local-qwen-vl";
const ollama = process.env.E2E_OLLAMA_URL!;
const SCORE_MEDIA_TYPE = "application/vnd.ims.lis.v1.score+json";

type Score = { lineItem: string; contentType: string; body: Record<string, unknown> };

const paragraph =
  "Across the three prompts qwen2.5vl:3b read the labels and the state of each control, while llama3.2:3b could only guess " +
  "from the prompt and invented settings that are not on the screen. The vision model took longer to load and used more memory, " +
  "so on this machine it fits one job at a time. The measured speed and first token time are in the evidence table, and the " +
  "failure case shows where it still guesses hidden state.";

test("a course site's teacher deep-links the lab write-up; a learner submits; the completed review's grade reaches the course gradebook", async ({
  browser,
  instructorPage,
  baseURL,
}) => {
  test.setTimeout(180_000);
  for (const model of ["llama3.2:3b", "qwen2.5vl:3b"])
    await instructorPage.request.post(`${ollama}/__test/failure`, { data: { model, mode: "none" } });
  const clientId = await registerCourseSite(instructorPage, baseURL!);
  const course = { id: `course-${randomUUID().slice(0, 6)}`, title: `Vision models ${Date.now()}` };
  const person = (sub: string, name: string, roles: string[]): Pick<PlannedLaunch, "clientId" | "sub" | "name" | "roles" | "context"> => ({
    clientId,
    sub,
    name,
    roles,
    context: course,
  });

  // The teacher adds the lab write-up from the course site's "add an activity".
  const teacher = await freshPage(browser);
  await launchFrom(teacher, {
    ...person(`t-${course.id}`, "Tess Teacher", ["Instructor"]),
    targetLinkUri: `${baseURL}/lti/deep-link`,
    messageType: "LtiDeepLinkingRequest",
  });
  await teacher
    .getByRole("group", { name: /Qwen-VL/ })
    .getByRole("radio", { name: /Its lab write-up/ })
    .check();
  await teacher.getByRole("button", { name: "Add to course" }).click();
  await expect(teacher.getByRole("heading", { name: "Added to the course" })).toBeVisible();
  const link = (await ltiPlatform.links()).find((l) => l.contextId === course.id)!;
  expect(link.lineItem).toBeTruthy();

  // Two learners open it; Eve runs the lab and submits her write-up.
  const eve = await freshPage(browser);
  await launchFrom(eve, {
    ...person(`eve-${course.id}`, "Eve Learner", ["Learner"]),
    resourceLink: { id: link.id },
    targetLinkUri: link.url,
  });
  await expect(eve).toHaveURL(new RegExp(`/lessons/${LESSON}/lab$`));
  const finn = await freshPage(browser);
  await launchFrom(finn, {
    ...person(`finn-${course.id}`, "Finn Learner", ["Learner"]),
    resourceLink: { id: link.id },
    targetLinkUri: link.url,
  });
  await expect(finn.getByRole("banner")).toContainText("Finn Learner");

  const lab = new LabPage(eve);
  await lab.open();
  await lab.pickSample("Notification settings screen");
  await lab.run();
  await lab.waitForAllDone(7);
  const writeUp = new WriteUpPage(eve);
  await writeUp.open(`${new URL(eve.url()).pathname}${new URL(eve.url()).search}#write-up`);
  await writeUp.useRunShown();
  await writeUp.rateAll("4");
  await writeUp.cannotKnow.fill("Which toggles are on");
  await writeUp.surprisingFailure.fill("It listed dropdown options that are not on the screen.");
  await writeUp.whereItHappened.selectOption({ label: "qwen2.5vl:3b, Likely failure" });
  await writeUp.recommend("Use it only for a narrow job");
  await writeUp.narrowJob.fill("Reading visible labels on settings screens");
  await writeUp.paragraph.fill(paragraph);
  await expect(writeUp.region.getByText(`This write-up goes to ${course.title}.`)).toBeVisible();
  await writeUp.submit();
  await expect(writeUp.state).toHaveText("Submitted");

  // The course's teacher reviews it here: it is in their queue, as their class's.
  const review = new ReviewPage(teacher);
  await review.openQueue();
  await teacher
    .getByRole("link", { name: /Eve Learner/ })
    .first()
    .click();
  await expect(teacher).toHaveURL(/\/instructor\/submissions\/[a-z0-9]+$/);
  await review.open(teacher.url().split("/").pop()!);
  await review.claim();
  await review.scoreAll("last");
  const grade = Number(await review.rubric.getByLabel("Grade").inputValue());
  await review.feedback.fill("Every claim has its figure. Name the memory each model needed.");
  await expect(review.saveStatus).toContainText("Draft saved at");
  await review.complete();
  await expectAccessible(teacher);

  // The grade reaches the course site's gradebook, with the comment, on the column deep linking made.
  await expect
    .poll(
      async () => {
        const scores = ((await (await fetch(`${process.env.E2E_LTI_URL}/__test/recorded`)).json()) as { scores: Score[] }).scores;
        return scores.filter((s) => s.lineItem === link.lineItem!.url);
      },
      { timeout: 30_000 },
    )
    .toEqual([
      expect.objectContaining({
        contentType: SCORE_MEDIA_TYPE,
        body: expect.objectContaining({
          userId: `eve-${course.id}`,
          scoreGiven: grade,
          scoreMaximum: link.lineItem!.scoreMaximum,
          comment: "Every claim has its figure. Name the memory each model needed.",
          activityProgress: "Completed",
          gradingProgress: "FullyGraded",
        }),
      }),
    ]);
  // Nothing is left waiting on Course sites.
  await teacher.goto("/instructor/lms");
  await expect(teacher.getByRole("region", { name: "Grades to course sites" })).not.toContainText("Eve Learner");
  await shoot(teacher, "lti-course-sites-grades");
});
