import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expectAccessible } from "./support/a11y";
import { expect, test } from "./support/fixtures";
import { freshPage, launchFrom, ltiPlatform, registerCourseSite, type PlannedLaunch } from "./support/lti";
import { shoot } from "./support/screenshots";

// LTI 1.3 launches from a course site (the platform double, on "localhost": another site than the
// app on 127.0.0.1, as a real LMS is). Each test registers its own client ID on the Course sites
// page, so tests running at once never share a registration.

const LESSON = "local-qwen-vl";
const DEPLOYMENT_CLAIM = "https://purl.imsglobal.org/spec/lti/claim/deployment_id";

async function expectRefused(page: Page, reason: RegExp) {
  await expect(page.getByRole("heading", { level: 1, name: "This launch did not sign you in" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(reason);
  await expect(page.getByRole("heading", { name: "What to do" })).toBeVisible();
  // Nobody was signed in.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/signin/);
}

test("a course site registered on Course sites launches an instructor and two learners in, signed in, into one class", async ({
  browser,
  instructorPage,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const clientId = await registerCourseSite(instructorPage, baseURL!);
  const course = { id: `course-${randomUUID().slice(0, 6)}`, title: `Vision models ${Date.now()}` };
  const launch = (who: Partial<PlannedLaunch> & Pick<PlannedLaunch, "sub" | "roles">, target: string): PlannedLaunch => ({
    clientId,
    context: course,
    resourceLink: { id: "link-1", title: "Local Qwen-VL" },
    targetLinkUri: `${baseURL}${target}`,
    ...who,
  });

  // The LMS's instructor: lands on the lesson the link names, signed in, an instructor here.
  const teacher = await freshPage(browser);
  await launchFrom(
    teacher,
    launch({ sub: "lms-teacher", name: "Tess Teacher", email: "tess@lms.example", roles: ["Instructor"] }, `/lessons/${LESSON}`),
  );
  await expect(teacher).toHaveURL(new RegExp(`/lessons/${LESSON}$`));
  await expect(teacher.getByRole("banner")).toContainText("Tess Teacher");
  await expect(teacher.getByRole("banner")).toContainText("(instructor)");

  // Two learners: one lands on the quiz, one on the lab; the second launch of one person is the same account.
  const ada = await freshPage(browser);
  await launchFrom(ada, launch({ sub: "lms-ada", name: "Ada Learner", roles: ["Learner"] }, `/lessons/${LESSON}/quiz`));
  await expect(ada).toHaveURL(new RegExp(`/lessons/${LESSON}/quiz$`));
  await expect(ada.getByRole("banner")).toContainText("Ada Learner");
  await expect(ada.getByRole("banner")).not.toContainText("(instructor)");
  const ben = await freshPage(browser);
  // An LMS email that is another account's here links nothing: Ben gets an account of his own.
  await launchFrom(
    ben,
    launch({ sub: "lms-ben", name: "Ben Learner", email: "tess@lms.example", roles: ["Learner"] }, `/lessons/${LESSON}/lab`),
  );
  await expect(ben).toHaveURL(new RegExp(`/lessons/${LESSON}/lab$`));
  await expect(ben.getByRole("banner")).toContainText("Ben Learner");
  await launchFrom(ada, launch({ sub: "lms-ada", name: "Ada Learner", roles: ["Learner"] }, `/lessons/${LESSON}`));
  await expect(ada.getByRole("banner")).toContainText("Ada Learner");

  // The course is a class: its instructor sees both learners, and it is theirs alone.
  await teacher.goto("/instructor/classes");
  const card = teacher.getByTestId("class").filter({ has: teacher.getByRole("heading", { name: course.title }) });
  await expect(card).toContainText("2 students · taught by Tess Teacher");
  await teacher.goto("/instructor");
  await expect(teacher.getByRole("main")).toContainText("Ada Learner");
  await expect(teacher.getByRole("main")).toContainText("Ben Learner");
  await expectAccessible(teacher);
  // A learner cannot use the instructor pages for having come from a course site.
  const refused = await ada.goto("/instructor/classes");
  expect(refused?.status()).toBe(403);
});

test("launches that fail a check are refused with a page that says why, and sign nobody in", async ({
  browser,
  instructorPage,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const clientId = await registerCourseSite(instructorPage, baseURL!);
  const learner = (extra: Partial<PlannedLaunch> = {}): PlannedLaunch => ({
    clientId,
    sub: `lms-${randomUUID().slice(0, 6)}`,
    name: "Cy Learner",
    roles: ["Learner"],
    context: { id: "course-refusals", title: "Refusals" },
    targetLinkUri: `${baseURL}/lessons/${LESSON}`,
    ...extra,
  });
  const cases: [string, Partial<PlannedLaunch>, RegExp][] = [
    ["an expired token", { tamper: "expired" }, /signed token failed its checks/],
    ["a token signed by a key the platform never published", { tamper: "other-key" }, /signed token failed its checks/],
    ["a token for another tool", { tamper: "wrong-aud" }, /signed token failed its checks/],
    ["an unknown deployment", { extra: { [DEPLOYMENT_CLAIM]: "deployment-not-registered" } }, /deployment is not registered here/],
    ["an unregistered client ID", { clientId: "nobody-registered-this" }, /does not know the course site/],
  ];
  for (const [what, change, reason] of cases) {
    await test.step(what, async () => {
      const page = await freshPage(browser);
      await launchFrom(page, learner(change));
      await expectRefused(page, reason);
    });
  }

  await test.step("a replayed launch: the same token and state, posted again with the login's cookie", async () => {
    const page = await freshPage(browser);
    await launchFrom(page, learner());
    await expect(page.getByRole("banner")).toContainText("Cy Learner");
    const last = (await ltiPlatform.lastPost())!;
    const replayer = await freshPage(browser);
    await replayer.context().addCookies([
      {
        name: `lesson-lab-lti-${last.state.slice(0, 12)}`,
        value: last.state,
        domain: new URL(baseURL!).hostname,
        path: "/api/lti/launch",
        secure: true,
        sameSite: "None",
        httpOnly: true,
      },
    ]);
    await replayer.goto(ltiPlatform.replayUrl());
    await expectRefused(replayer, /this launch was already used/);
    await shoot(replayer, "lti-launch-refused");
  });

  await test.step("a launch that comes back to another browser than the one that started it", async () => {
    const page = await freshPage(browser);
    await launchFrom(page, learner());
    const replayer = await freshPage(browser);
    await replayer.goto(ltiPlatform.replayUrl());
    await expectRefused(replayer, /did not send back the cookie/);
    await expectAccessible(replayer);
  });
});

test("from the course site's “add an activity”, an instructor adds the lab write-up with a gradebook column; learners launch into it", async ({
  browser,
  instructorPage,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const clientId = await registerCourseSite(instructorPage, baseURL!);
  const course = { id: `course-${randomUUID().slice(0, 6)}`, title: `Deep linking ${Date.now()}` };
  const teacher = await freshPage(browser);
  await launchFrom(teacher, {
    clientId,
    sub: "lms-dl-teacher",
    name: "Dee Teacher",
    roles: ["Instructor"],
    context: course,
    targetLinkUri: `${baseURL}/lti/deep-link`,
    messageType: "LtiDeepLinkingRequest",
  });
  await expect(teacher.getByRole("heading", { level: 1, name: "Add Lesson Lab to your course" })).toBeVisible();
  const pickerUrl = teacher.url();
  // Nothing picked: said, and nothing is sent.
  await teacher.getByRole("button", { name: "Add to course" }).click();
  await expect(teacher.getByRole("alert").filter({ hasText: "Pick what to add first." })).toBeVisible();
  const lesson = teacher.getByRole("group", { name: /Qwen-VL/ });
  await lesson.getByRole("radio", { name: /Its lab write-up/ }).check();
  await expectAccessible(teacher);
  await shoot(teacher, "lti-deep-link-picker");
  await teacher.getByRole("button", { name: "Add to course" }).click();
  // The course site checked the signed response and added the link with a gradebook column.
  await expect(teacher.getByRole("heading", { name: "Added to the course" })).toBeVisible();
  await expect(teacher.getByRole("listitem")).toContainText("lab write-up (graded)");
  const link = (await ltiPlatform.links()).find((l) => l.contextId === course.id)!;
  expect(link).toMatchObject({
    url: `${baseURL}/lessons/${LESSON}/lab`,
    custom: { lesson_lab_target: `writeup:${LESSON}` },
    lineItem: { scoreMaximum: expect.any(Number) },
  });
  // The choice was sent once: the picker does not send it again.
  await teacher.goto(pickerUrl);
  await expect(teacher.getByText("This choice is no longer open")).toBeVisible();

  // A learner opens the new link: the lab, signed in.
  const eve = await freshPage(browser);
  await launchFrom(eve, {
    clientId,
    sub: "lms-dl-eve",
    name: "Eve Learner",
    roles: ["Learner"],
    context: course,
    resourceLink: { id: link.id, title: link.title },
    targetLinkUri: link.url,
  });
  await expect(eve).toHaveURL(new RegExp(`/lessons/${LESSON}/lab$`));
  await expect(eve.getByRole("banner")).toContainText("Eve Learner");
  // A learner cannot add activities.
  const sneaky = await freshPage(browser);
  await launchFrom(sneaky, {
    clientId,
    sub: "lms-dl-eve",
    roles: ["Learner"],
    context: course,
    targetLinkUri: `${baseURL}/lti/deep-link`,
    messageType: "LtiDeepLinkingRequest",
  });
  await expectRefused(sneaky, /adding an activity to a course is for its instructors/);
});

test("inside the course site's frame a learner lands signed in and keeps working; a site that is not registered cannot frame Lesson Lab", async ({
  browser,
  instructorPage,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const clientId = await registerCourseSite(instructorPage, baseURL!);
  const page = await freshPage(browser);
  const coursePage = await ltiPlatform.plan({
    clientId,
    sub: "lms-fay",
    name: "Fay Learner",
    roles: ["Learner"],
    context: { id: `course-${randomUUID().slice(0, 6)}`, title: "Framed" },
    targetLinkUri: `${baseURL}/lessons/${LESSON}/quiz`,
  });
  const framedAnswer = page.waitForResponse(
    (r) => r.url() === `${baseURL}/lessons/${LESSON}/quiz` && r.request().frame() !== page.mainFrame(),
  );
  await page.goto(`${coursePage}&frame=1`);
  const frame = page.frameLocator('iframe[title="Lesson Lab activity"]');
  await expect(frame.getByRole("banner")).toContainText("Fay Learner");
  // The frame's answer names the course site as a frame ancestor and nobody else, and no X-Frame-Options.
  const headers = await (await framedAnswer).allHeaders();
  const ancestors = /frame-ancestors ([^;]+)/.exec(headers["content-security-policy"] ?? "")?.[1]?.split(" ") ?? [];
  expect(ancestors).toContain("'self'");
  expect(ancestors).toContain(new URL(coursePage).origin);
  expect(ancestors).not.toContain("*");
  expect(headers["x-frame-options"]).toBeUndefined();
  // Signed in inside the frame: the account page opens there (its session cookie is the frame's).
  await frame.getByRole("banner").getByRole("link", { name: "Account" }).click();
  await expect(frame.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();

  // Another site framing the lesson is refused by the browser; at the top level nothing can frame it.
  const elsewhere = await freshPage(browser);
  const refused = elsewhere.waitForResponse((r) => r.url() === `${baseURL}/lessons/${LESSON}`);
  await elsewhere.goto(`${process.env.E2E_LTI_URL}/course/frame?src=${encodeURIComponent(`${baseURL}/lessons/${LESSON}`)}`);
  const refusedHeaders = await (await refused).allHeaders();
  expect(refusedHeaders["content-security-policy"]).not.toContain(process.env.E2E_LTI_URL!);
  await elsewhere.waitForLoadState("load");
  await expect(elsewhere.frameLocator("iframe").getByRole("banner")).toHaveCount(0);
  const topLevel = await elsewhere.request.get(`/lessons/${LESSON}`);
  expect(topLevel.headers()["x-frame-options"]).toBe("DENY");
  expect(topLevel.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});

test("a browser that keeps cookies out of the course page's frame is offered a new window, which lands signed in", async ({
  browser,
  instructorPage,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const clientId = await registerCourseSite(instructorPage, baseURL!);
  const page = await freshPage(browser);
  // As a browser blocking third-party cookies would: the frame never keeps the login's state cookie.
  await page.route(`${baseURL}/api/lti/login`, async (route) => {
    const answer = await route.fetch({ maxRedirects: 0 });
    const headers = Object.fromEntries(Object.entries(answer.headers()).filter(([name]) => name !== "set-cookie"));
    await route.fulfill({ response: answer, headers });
  });
  const coursePage = await ltiPlatform.plan({
    clientId,
    sub: "lms-gus",
    name: "Gus Learner",
    roles: ["Learner"],
    context: { id: `course-${randomUUID().slice(0, 6)}`, title: "No cookies" },
    targetLinkUri: `${baseURL}/lessons/${LESSON}`,
  });
  await page.goto(`${coursePage}&frame=1`);
  const frame = page.frameLocator('iframe[title="Lesson Lab activity"]');
  await expect(frame.getByRole("heading", { level: 1, name: "This launch did not sign you in" })).toBeVisible();
  const popupOpened = page.waitForEvent("popup");
  await frame.getByRole("link", { name: "Open Lesson Lab in a new window" }).click();
  const popup = await popupOpened;
  await expect(popup).toHaveURL(new RegExp(`/lessons/${LESSON}$`));
  await expect(popup.getByRole("banner")).toContainText("Gus Learner");
  // The new-window link works once.
  const again = await freshPage(browser);
  await again.goto(
    await frame
      .getByRole("link", { name: "Open Lesson Lab in a new window" })
      .getAttribute("href")
      .then((href) => href!),
  );
  await expect(again.getByRole("main")).toContainText("can no longer be opened in a new window");
});
