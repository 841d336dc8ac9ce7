import { randomUUID } from "node:crypto";
import { expectAccessible } from "./support/a11y";
import { expect, test } from "./support/fixtures";
import { freshPage, launchFrom, registerCourseSite, type PlannedLaunch } from "./support/lti";
import { QuizPage } from "./support/quiz-page";

// Grades to the course site's gradebook (LTI AGS) and its roster (NRPS), through the platform
// double: a learner's quiz score reaches the line item the launch named, with AGS's media type and
// body; a score the course site refuses shows under "Grades to course sites" with what it said until
// "Retry now" lands it; "Sync roster" brings the course's members into the class. The outbox worker
// sends a score as soon as it is queued (and looks again every LTI_OUTBOX_TICK_SECONDS, low here).

const LESSON = "local-qwen-vl";
const SCORE_MEDIA_TYPE = "application/vnd.ims.lis.v1.score+json";
const AGS_SCOPES = ["https://purl.imsglobal.org/spec/lti-ags/scope/lineitem", "https://purl.imsglobal.org/spec/lti-ags/scope/score"];

const control = () => process.env.E2E_LTI_URL!;

type Recorded = {
  scores: { lineItem: string; url: string; contentType: string; body: Record<string, unknown> }[];
  failures: { path: string; status: number; times: number }[];
};

async function recorded(): Promise<Recorded> {
  return (await (await fetch(`${control()}/__test/recorded`)).json()) as Recorded;
}

async function controlPost(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${control()}${path}`, { method: "POST", body: JSON.stringify(body) });
  expect(response.ok, `${path}: ${response.status}`).toBe(true);
}

test("a learner's quiz score reaches the course's gradebook; one the course site refuses waits under “Grades to course sites” until “Retry now” lands it", async ({
  browser,
  instructorPage,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const clientId = await registerCourseSite(instructorPage, baseURL!);
  const course = { id: `course-${randomUUID().slice(0, 8)}`, title: `Grades ${Date.now()}` };
  const item = `${randomUUID().slice(0, 4)}`;
  // Moodle's shape: the line item URL carries a query, and /scores goes before it.
  const lineItem = `${control()}/contexts/${course.id}/lineitems/${item}/lineitem`;
  const launch = (who: Pick<PlannedLaunch, "sub" | "name" | "roles">): PlannedLaunch => ({
    clientId,
    context: course,
    resourceLink: { id: "quiz-link", title: "Check what stuck" },
    targetLinkUri: `${baseURL}/lessons/${LESSON}/quiz`,
    extra: {
      "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
        scope: AGS_SCOPES,
        lineitems: `${control()}/contexts/${course.id}/lineitems?type_id=1`,
        lineitem: `${lineItem}?type_id=1`,
      },
    },
    ...who,
  });

  // The course's teacher launches first (the course becomes a class they teach), then the learner.
  const teacher = await freshPage(browser);
  await launchFrom(teacher, launch({ sub: `teacher-${course.id}`, name: "Tess Teacher", roles: ["Instructor"] }));
  await expect(teacher.getByRole("banner")).toContainText("Tess Teacher");
  const learnerSub = `ada-${course.id}`;
  const ada = await freshPage(browser);
  await launchFrom(ada, launch({ sub: learnerSub, name: "Ada Learner", roles: ["Learner"] }));
  await expect(ada).toHaveURL(new RegExp(`/lessons/${LESSON}/quiz$`));

  const quiz = new QuizPage(ada);
  await quiz.open();
  for (const n of [1, 2, 3, 4]) await quiz.answer(n);
  await quiz.submit();
  await expect(ada.getByRole("heading", { name: "Score: 4/15" })).toBeVisible();

  await test.step("the score reaches the line item, with AGS's media type and body", async () => {
    await expect
      .poll(async () => (await recorded()).scores.filter((s) => s.lineItem === lineItem), { timeout: 30_000 })
      .toEqual([
        {
          lineItem,
          url: `${lineItem}/scores?type_id=1`,
          contentType: SCORE_MEDIA_TYPE,
          body: {
            userId: learnerSub,
            scoreGiven: 4,
            scoreMaximum: 15,
            timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
            activityProgress: "Completed",
            gradingProgress: "FullyGraded",
          },
        },
      ]);
  });

  // The course site refuses the next three scores for this line item.
  const failing = `/contexts/${course.id}/lineitems/${item}/lineitem/scores`;
  await controlPost("/__test/fail", { path: failing, status: 422, times: 3 });
  const left = async () => (await recorded()).failures.find((f) => f.path === failing)?.times;

  await ada.getByRole("button", { name: "Retake the quiz" }).click();
  await expect(ada.getByText("0 of 15 answered")).toBeVisible();
  for (const n of [1, 2, 3, 4, 5, 6]) await quiz.answer(n);
  await quiz.submit();
  await expect(ada.getByRole("heading", { name: "Score: 6/15" })).toBeVisible();
  await expect.poll(left, { timeout: 30_000 }).toBe(2);

  const row = teacher.getByTestId("outbox-row").filter({ hasText: "Ada Learner" });
  const retry = teacher.getByRole("button", { name: "Retry now: Ada Learner, Check what stuck" });
  await test.step("the refused score shows with what the course site said", async () => {
    await teacher.goto("/instructor/lms");
    const section = teacher.getByRole("region", { name: "Grades to course sites" });
    await expect(section.getByRole("heading", { name: "Grades to course sites" })).toBeVisible();
    await expect(row).toContainText("Check what stuck");
    await expect(row).toContainText("6/15");
    await expect(row).toContainText("422");
    await expect(row).toContainText("failed this request on purpose (422)");
    await expect(retry).toBeVisible();
    await expectAccessible(teacher);
  });

  await test.step("“Retry now” while the course site still refuses: the row stays, failed again", async () => {
    for (const remaining of [1, 0]) {
      await retry.click();
      await expect.poll(left, { timeout: 30_000 }).toBe(remaining);
      await expect(async () => {
        await teacher.reload();
        await expect(retry).toBeVisible({ timeout: 2_000 });
      }).toPass({ timeout: 30_000 });
    }
  });

  await test.step("“Retry now” once the course site takes it: the score lands and the row is gone", async () => {
    await retry.click();
    await expect
      .poll(async () => (await recorded()).scores.filter((s) => s.lineItem === lineItem).map((s) => s.body.scoreGiven), { timeout: 30_000 })
      .toEqual([4, 6]);
    await expect(async () => {
      await teacher.reload();
      await expect(teacher.getByRole("heading", { name: "Grades to course sites" })).toBeVisible({ timeout: 2_000 });
      await expect(row).toHaveCount(0, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
  });

  await test.step("the teacher sends the latest attempt instead of the best: a worse attempt's score goes", async () => {
    const link = teacher.getByTestId("quiz-link").filter({ hasText: "Check what stuck" });
    await expect(link.getByRole("combobox", { name: "Score sent for Check what stuck" })).toHaveValue("BEST");
    await link.getByRole("combobox", { name: "Score sent for Check what stuck" }).selectOption("LATEST");
    await link.getByRole("button", { name: "Save score sent for Check what stuck" }).click();
    await expect(link.getByRole("status")).toContainText("the latest attempt goes to the gradebook from now on");
    await ada.getByRole("button", { name: "Retake the quiz" }).click();
    await expect(ada.getByText("0 of 15 answered")).toBeVisible();
    for (const n of [1, 2]) await quiz.answer(n);
    await quiz.submit();
    await expect(ada.getByRole("heading", { name: "Score: 2/15" })).toBeVisible();
    await expect
      .poll(async () => (await recorded()).scores.filter((s) => s.lineItem === lineItem).map((s) => s.body.scoreGiven), { timeout: 30_000 })
      .toEqual([4, 6, 2]);
  });
});

test("“Sync roster” brings the course's members into its class, and says how many", async ({ browser, instructorPage, baseURL }) => {
  test.setTimeout(90_000);
  const clientId = await registerCourseSite(instructorPage, baseURL!);
  const course = { id: `course-${randomUUID().slice(0, 8)}`, title: `Roster ${Date.now()}` };
  const teacherSub = `teacher-${course.id}`;
  const teacher = await freshPage(browser);
  await launchFrom(teacher, {
    clientId,
    sub: teacherSub,
    name: "Rosa Teacher",
    roles: ["Instructor"],
    context: course,
    targetLinkUri: `${baseURL}/lessons/${LESSON}`,
  });
  await expect(teacher.getByRole("banner")).toContainText("Rosa Teacher");
  const learner = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
  await controlPost("/__test/members", {
    context: course.id,
    members: [
      { user_id: teacherSub, name: "Rosa Teacher", roles: ["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"] },
      { user_id: `${course.id}-1`, name: "Rui Roster", roles: [learner] },
      { user_id: `${course.id}-2`, name: "Sam Roster", roles: [learner] },
      { user_id: `${course.id}-3`, name: "Tia Roster", roles: [learner], status: "Inactive" },
    ],
  });

  await teacher.goto("/instructor/lms");
  const linked = teacher.getByTestId("linked-class").filter({ has: teacher.getByRole("heading", { name: course.title }) });
  await expect(linked).toContainText("Roster never synced.");
  await linked.getByRole("button", { name: `Sync roster for ${course.title}` }).click();
  await expect(linked.getByRole("status")).toHaveText("2 added, 1 already here, 1 inactive");
  await teacher.goto("/instructor");
  await expect(teacher.getByRole("main")).toContainText("Rui Roster");
  await expect(teacher.getByRole("main")).toContainText("Sam Roster");
  await expect(teacher.getByRole("main")).not.toContainText("Tia Roster");
});
