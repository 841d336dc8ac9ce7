import { expect, test, type Account } from "./support/fixtures";
import { LAB, LabPage } from "./support/lab-page";
import { LessonPage } from "./support/lesson-page";
import { QuizPage } from "./support/quiz-page";

// One HTML for everyone, and nobody sees another's parts: with the cache warm, two students and a
// guest load the catalogue and the lesson; the pages are byte for byte the same (but for the nonce
// and the reader flag) and carry no name, and each /api/me/page answers for its own reader only.

const LESSON = "/lessons/local-qwen-vl";
const STEP = "What Qwen-VL is";

/** The page as served, with what differs per response (the nonce, the reader flag) taken out. */
const normalised = (html: string, csp: string | undefined) => {
  const nonce = /'nonce-([^']+)'/.exec(csp ?? "")![1]!;
  // A render's id changes when the cache renders the page again between two readers' requests (its
  // time ran out on a slow machine); the page is still one render for everyone.
  return html
    .replaceAll(nonce, "NONCE")
    .replace(/(data-reader\W{1,8})(member|guest)/g, "$1READER")
    .replace(/(renderId\W{1,12})[0-9a-f-]{36}/g, "$1RENDER");
};

test("two students and a guest share the cached pages and see only their own parts", async ({ browser, accounts, baseURL }) => {
  const [ada, ben] = await Promise.all([accounts.create({ prefix: "iso-ada" }), accounts.create({ prefix: "iso-ben" })]);
  // Ada marks a step done; Ben has done nothing.
  const adaPage = await accounts.newPage(ada);
  const lesson = new LessonPage(adaPage);
  await lesson.open("local-qwen-vl");
  await lesson.markDone(STEP);
  await expect(adaPage.getByRole("banner")).toContainText(ada.name);

  const guestContext = await browser.newContext();
  const guest = guestContext.request;
  await guest.get(LESSON); // warm
  await guest.get("/");
  const benPage = await accounts.newPage(ben);
  for (const path of ["/", LESSON]) {
    const bodies: Record<string, string> = {};
    const policies: Record<string, string | undefined> = {};
    for (const [who, request] of [
      ["guest", guest],
      ["ada", adaPage.context().request],
      ["ben", benPage.context().request],
    ] as const) {
      const response = await request.get(path);
      expect(response.headers()["x-page-cache"], `${who} ${path}`).toBe("hit");
      bodies[who] = await response.text();
      policies[who] = response.headers()["content-security-policy"];
      for (const account of [ada, ben]) {
        expect(bodies[who], `${who} ${path}`).not.toContain(account.name);
        expect(bodies[who], `${who} ${path}`).not.toContain(account.email);
      }
    }
    const guestPage = normalised(bodies.guest!, policies.guest);
    expect(normalised(bodies.ada!, policies.ada)).toBe(guestPage);
    expect(normalised(bodies.ben!, policies.ben)).toBe(guestPage);
  }

  const me = async (request: typeof guest, query: string) => (await request.get(`${baseURL}/api/me/page?${query}`)).json();
  const own = (account: Account) => ({ id: account.id, display: account.name, role: "STUDENT" });
  expect(await me(guest, "lesson=local-qwen-vl")).toEqual({ v: 1, user: null });
  // (the step goes to the server just after the click)
  await expect
    .poll(async () => Object.keys((await me(adaPage.context().request, "lesson=local-qwen-vl")).progress.steps["local-qwen-vl"] ?? {}))
    .toHaveLength(1);
  const adaMe = await me(adaPage.context().request, "lesson=local-qwen-vl");
  const benMe = await me(benPage.context().request, "lesson=local-qwen-vl");
  expect(adaMe.user).toEqual(own(ada));
  expect(benMe.user).toEqual(own(ben));
  expect(JSON.stringify(benMe)).not.toContain(ada.id);
  expect(Object.keys(adaMe.progress.steps["local-qwen-vl"] ?? {})).toHaveLength(1);
  expect(benMe.progress.steps["local-qwen-vl"] ?? {}).toEqual({});

  // In the browser: Ben's page shows Ben and none of Ada's progress; the guest sees sign-in links.
  await benPage.goto(LESSON);
  await expect(benPage.getByRole("banner")).toContainText(`Signed in as ${ben.name}`);
  await expect(benPage.getByRole("banner")).not.toContainText(ada.name);
  await new LessonPage(benPage).expectDone(STEP, false);
  const guestPage = await guestContext.newPage();
  await guestPage.goto(LESSON);
  await expect(guestPage.getByRole("banner").getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await expect(guestPage.getByRole("banner").getByText("Signed in as")).toBeHidden();
  await new LessonPage(guestPage).expectDone(STEP, false);
  await guestContext.close();
});

test("the quiz page is one render for everyone; each reader's attempts and questions come to that reader only", async ({
  browser,
  accounts,
  baseURL,
}) => {
  const QUIZ = "/lessons/local-qwen-vl/quiz";
  const [ada, ben] = await Promise.all([accounts.create({ prefix: "quiz-ada" }), accounts.create({ prefix: "quiz-ben" })]);
  // Ada takes the quiz once: 2 right.
  const adaPage = await accounts.newPage(ada);
  const quiz = new QuizPage(adaPage);
  await quiz.open();
  for (const n of [1, 2]) await quiz.answer(n);
  await quiz.submit();
  await expect(adaPage.getByRole("heading", { name: "Score: 2/15" })).toBeVisible();
  const adaAttempt = new URL(adaPage.url()).searchParams.get("attempt")!;
  expect(adaAttempt).toBeTruthy();

  const guestContext = await browser.newContext();
  const benPage = await accounts.newPage(ben);
  const bodies: Record<string, string> = {};
  const policies: Record<string, string | undefined> = {};
  await guestContext.request.get(QUIZ); // warm
  for (const [who, request] of [
    ["guest", guestContext.request],
    ["ada", adaPage.context().request],
    ["ben", benPage.context().request],
  ] as const) {
    const response = await request.get(QUIZ);
    expect(response.headers()["x-page-cache"], who).toBe("hit");
    bodies[who] = await response.text();
    policies[who] = response.headers()["content-security-policy"];
    expect(bodies[who]).not.toContain(ada.name);
    expect(bodies[who]).not.toContain(adaAttempt);
  }
  const shared = normalised(bodies.guest!, policies.guest);
  expect(normalised(bodies.ada!, policies.ada)).toBe(shared);
  expect(normalised(bodies.ben!, policies.ben)).toBe(shared);

  // The JSON: Ada's attempt is Ada's; Ben asking for it by id gets nothing of it; a guest gets no account.
  const me = async (request: typeof guestContext.request, query: string) => (await request.get(`${baseURL}/api/me/quiz?${query}`)).json();
  const adaMe = await me(adaPage.context().request, "lesson=local-qwen-vl");
  expect(adaMe.history.map((a: { id: string; score: number }) => [a.id, a.score])).toEqual([[adaAttempt, 2]]);
  expect(await me(benPage.context().request, `lesson=local-qwen-vl&attempt=${adaAttempt}`)).toEqual({
    v: 1,
    user: { id: ben.id },
    history: [],
    result: null,
    last: null,
  });
  expect(await me(guestContext.request, "lesson=local-qwen-vl")).toEqual({ v: 1, user: null });
  const crossSite = await adaPage.context().request.get(`${baseURL}/api/me/quiz?lesson=local-qwen-vl`, {
    headers: { "sec-fetch-site": "cross-site" },
  });
  expect(crossSite.status()).toBe(403);

  // In the browser: Ada comes back to her last result and her list; Ben and the guest get a first attempt.
  await quiz.open();
  await expect(adaPage.getByTestId("last-result")).toContainText("Your last attempt: 2/15");
  await expect(adaPage.getByTestId("attempt-history")).toContainText("Attempt 1: 2/15");
  await new QuizPage(benPage).open();
  await expect(benPage.getByText("0 of 15 answered · Answers save to your account as you go")).toBeVisible();
  await expect(benPage.getByTestId("attempt-history")).toHaveCount(0);
  await expect(benPage.getByTestId("last-result")).toHaveCount(0);
  // Ben opening Ada's result address sees his own quiz, not her result.
  await benPage.goto(`${QUIZ}?attempt=${adaAttempt}`);
  await expect(benPage.getByText("0 of 15 answered")).toBeVisible();
  await expect(benPage.getByRole("heading", { name: /^Score:/ })).toHaveCount(0);
  const guestPage = await guestContext.newPage();
  await new QuizPage(guestPage).open();
  await expect(guestPage.getByText("0 of 15 answered · Answers save in this browser as you go")).toBeVisible();
  await guestContext.close();
});

test("the lab page is one render for every member; each student's runs and write-up come to that student only", async ({
  browser,
  accounts,
  baseURL,
}) => {
  const [ada, ben] = await Promise.all([accounts.create({ prefix: "lab-ada" }), accounts.create({ prefix: "lab-ben" })]);
  // Ada runs the lab once.
  const adaPage = await accounts.newPage(ada);
  const lab = new LabPage(adaPage);
  await lab.open();
  await lab.pickSample("Notification settings screen");
  const adaRun = await lab.run();
  await lab.waitForAllDone();

  // A guest is sent to sign in, by the front door's own answer: no render of the page reaches one.
  const guestContext = await browser.newContext();
  const guestAnswer = await guestContext.request.get(LAB, { maxRedirects: 0 });
  expect(guestAnswer.status()).toBe(307);
  expect(new URL(guestAnswer.headers()["location"]!, baseURL).href).toBe(`${baseURL}/signin?callbackUrl=${encodeURIComponent(LAB)}`);
  expect(guestAnswer.headers()["x-page-cache"]).toBeUndefined();

  const benPage = await accounts.newPage(ben);
  const bodies: Record<string, string> = {};
  const policies: Record<string, string | undefined> = {};
  await adaPage.context().request.get(LAB); // warm
  for (const [who, request] of [
    ["ada", adaPage.context().request],
    ["ben", benPage.context().request],
  ] as const) {
    const response = await request.get(LAB);
    expect(response.headers()["x-page-cache"], who).toBe("hit");
    expect(response.headers()["link"], who).toContain("</api/me/lab?lesson=local-qwen-vl>; rel=preload");
    bodies[who] = await response.text();
    policies[who] = response.headers()["content-security-policy"];
    for (const account of [ada, ben]) expect(bodies[who]).not.toContain(account.name);
    expect(bodies[who]).not.toContain(adaRun);
  }
  expect(normalised(bodies.ben!, policies.ben)).toBe(normalised(bodies.ada!, policies.ada));

  // The JSON: Ada's run is Ada's; Ben asking for it by id gets nothing of it; a guest gets no account.
  const me = async (request: typeof guestContext.request, query: string) => (await request.get(`${baseURL}/api/me/lab?${query}`)).json();
  const adaMe = await me(adaPage.context().request, `lesson=local-qwen-vl&run=${adaRun}`);
  expect(adaMe.user).toEqual({ id: ada.id });
  expect(adaMe.workbench.runs.map((r: { id: string }) => r.id)).toEqual([adaRun]);
  expect(adaMe.workbench.run.id).toBe(adaRun);
  const benMe = await me(benPage.context().request, `lesson=local-qwen-vl&run=${adaRun}`);
  expect(benMe.user).toEqual({ id: ben.id });
  expect(benMe.workbench).toMatchObject({ runs: [], run: null, runImage: null, truth: null });
  expect(JSON.stringify(benMe)).not.toContain(adaRun);
  expect(await me(guestContext.request, "lesson=local-qwen-vl")).toEqual({ v: 1, user: null });
  const crossSite = await adaPage.context().request.get(`${baseURL}/api/me/lab?lesson=local-qwen-vl`, {
    headers: { "sec-fetch-site": "cross-site" },
  });
  expect(crossSite.status()).toBe(403);
  expect((await me(adaPage.context().request, "lesson=vision-model-selection")).error).toBeDefined();

  // In the browser: Ada's page lists her run; Ben's lists none, and Ada's run address opens nothing for him.
  await lab.open();
  await expect(lab.earlierRuns.getByRole("link")).toHaveCount(1);
  const benLab = new LabPage(benPage);
  await benLab.open();
  await expect(benLab.earlierRuns).toContainText("None yet.");
  await expect(benLab.earlierRuns.getByRole("link")).toHaveCount(0);
  await benPage.goto(`${LAB}?run=${adaRun}`);
  await expect(benLab.runButton).toBeVisible();
  await expect(benLab.runHeading).toHaveCount(0);
  await guestContext.close();
});

test("a member whose session ended is sent from the cached lab page to sign in, and back", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  // A session cookie the server no longer honours (signed out elsewhere, a secret rotated): the
  // front door serves the shared page, and the page's own request finds no session.
  await context.addCookies([{ name: "authjs.session-token", value: "ended", url: baseURL! }]);
  const page = await context.newPage();
  await page.goto(LAB);
  await expect(page).toHaveURL(`/signin?callbackUrl=${encodeURIComponent(LAB)}`);
  await context.close();
});

test("a member whose lab does not arrive is told so, and Try again loads it", async ({ studentPage: page }) => {
  await page.route("**/api/me/lab?**", (route) => route.abort());
  await page.goto(LAB);
  const failure = page.getByRole("alert").filter({ hasText: "Your lab could not be loaded" });
  await expect(failure).toBeVisible();
  await expect(page.getByRole("button", { name: "Run comparison" })).toHaveCount(0);
  await page.unroute("**/api/me/lab?**");
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("button", { name: "Run comparison" })).toBeVisible();
  await expect(failure).toHaveCount(0);
});

test("another site cannot read a reader's parts, and they are never cached", async ({ studentPage: page, baseURL }) => {
  await page.goto("/");
  const request = page.context().request;
  const crossSite = await request.get(`${baseURL}/api/me/page`, { headers: { "sec-fetch-site": "cross-site" } });
  expect(crossSite.status()).toBe(403);
  const own = await request.get(`${baseURL}/api/me/page?view=catalogue`, { headers: { "sec-fetch-site": "same-origin" } });
  expect(own.status()).toBe(200);
  expect(own.headers()["cache-control"]).toBe("private, no-store");
  expect((await own.json()).catalogue).toBeDefined();
  expect((await request.get(`${baseURL}/api/me/page?lesson=../../etc`)).status()).toBe(400);
});

test("signing out hides the account at once, and Back does not bring the name back", async ({ studentPage: page, student }) => {
  await page.goto(LESSON);
  await expect(page.getByRole("banner")).toContainText(`Signed in as ${student.name}`);
  const signIn = page.getByRole("banner").getByRole("link", { name: "Sign in", exact: true });
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(signIn).toBeVisible();
  await expect(page).toHaveURL("/");
  await page.goBack();
  await expect(signIn).toBeVisible();
  await expect(page.getByRole("banner")).not.toContainText(student.name);
});

test("a member whose own parts do not arrive is told to reload, and no wrong state is shown", async ({ studentPage: page }) => {
  await page.route("**/api/me/page**", (route) => route.abort());
  await page.goto(LESSON);
  await expect(page.getByText(/Your progress did not load/)).toBeVisible();
  // the steps wait for the account's progress rather than show an empty one
  await expect(new LessonPage(page).stepToggle(STEP)).toBeDisabled();
  await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();
});
