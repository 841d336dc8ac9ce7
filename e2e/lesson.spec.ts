import { expectAccessible } from "./support/a11y";
import { AuthPages, newAccount } from "./support/auth-pages";
import { expect, test } from "./support/fixtures";
import { FLAGSHIP_SECTIONS, LessonPage } from "./support/lesson-page";

test.describe("the flagship lesson", () => {
  test("reads as the source page promised, and passes axe", async ({ page }) => {
    const lesson = new LessonPage(page);
    await lesson.open("local-qwen-vl");
    await expect(page).toHaveTitle("Local Qwen-VL: Seeing Images Without a Cloud API · Lesson Lab");
    await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /.{40,}/);
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", /Local Qwen-VL/);
    await expect(page.getByText(/Lesson \d+ of \d+/).first()).toBeVisible();
    for (const step of FLAGSHIP_SECTIONS) {
      await expect(lesson.stepToggle(step)).toBeVisible();
    }
    // The lab, the write-up and the quiz are steps too, done by doing them rather than by a toggle.
    await expect(lesson.pathSteps).toHaveText([
      /^1Why Qwen-VL matters locally/,
      /^2What Qwen-VL is/,
      /^3How a vision-language model sees/,
      /^4OCR versus a VLM/,
      /^5Matching a model to hardware, task, licence and risk/,
      /^6Compare the options/,
      /^7Build the small version/,
      /^8The design sketch/,
      /^9Run the labSign in to use the lab$/,
      /^10Write up your recommendationSign in to write it up$/,
      /^11Take the quizNot taken yet$/,
    ]);
    await expect(page.getByText("Progress saved locally in this browser. Sign in to sync across devices.")).toBeVisible();

    const compare = page.getByRole("table").filter({ hasText: "Can it run here?" });
    await expect(compare.getByRole("columnheader")).toHaveText(["Question", "What students should inspect", "Why it matters"]);
    await expect(compare.getByRole("row")).toHaveCount(5);
    await expect(page.getByRole("table", { name: /Last checked/ })).toContainText("qwen2.5vl:3b");
    await expect(page.getByText("vision_prompt_template:").first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "Key terms in this lesson" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "The big idea" })).toBeVisible();
    await expect(page.getByText("15 questions · Score saves to your progress.")).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Ask the tutor" })).toBeVisible();

    // Headings go down one level at a time.
    const levels = await page.locator("main h1, main h2, main h3, main h4").evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
    levels.reduce((prev, level) => {
      expect(level - prev).toBeLessThanOrEqual(1);
      return level;
    });
    await expectAccessible(page);
  });

  test("a concept links to its definition and the section that teaches it", async ({ page }) => {
    const lesson = new LessonPage(page);
    await lesson.open("local-qwen-vl");
    await lesson.map.getByRole("link", { name: "image tokens", exact: true }).click();
    await expect(page).toHaveURL(/#term-image-tokens$/);
    await expect(page.locator("#term-image-tokens")).toContainText("28x28");
  });

  test("the design sketch copies to the clipboard", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await new LessonPage(page).open("local-qwen-vl");
    const sketch = page.getByRole("figure").filter({ hasText: "vision_prompt_template (yaml)" });
    await sketch.getByRole("button", { name: "Copy code" }).click();
    await expect(sketch.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("rule: Do not guess hidden state.");
  });

  // 360 px is a small phone; 640 px is a 1280 px window at 200% zoom.
  for (const width of [360, 640]) {
    test(`fits ${width} px without sideways scrolling`, async ({ browser }) => {
      const context = await browser.newContext({ viewport: { width, height: 780 }, colorScheme: "dark" });
      const page = await context.newPage();
      await new LessonPage(page).open("local-qwen-vl");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      // The same page and theme at both widths: axe reads it once, at the phone's.
      if (width === 360) await expectAccessible(page);
      await context.close();
    });
  }
});

test.describe("progress", () => {
  test("a signed-in student's step change cut off by a reload is kept in the browser and saved on the next page", async ({
    studentPage: page,
    student,
    accounts,
    browser,
  }) => {
    const lesson = new LessonPage(page);
    await lesson.open("local-qwen-vl");
    // The save never reaches the server (as when the tab reloads while it is in flight).
    await page.route("**/lessons/local-qwen-vl", (route) =>
      route.request().method() === "POST" ? route.abort("connectionreset") : route.fallback(),
    );
    await lesson.markDone("OCR versus a VLM");
    await expect(page.getByText("That change is kept in this browser and will be saved when the server answers again.")).toBeVisible();
    await page.unrouteAll({ behavior: "ignoreErrors" });
    await page.reload();
    await lesson.expectDone("OCR versus a VLM");
    // Sent again from the browser: a fresh browser with the same account sees it.
    await expect(async () => {
      const fresh = await browser.newContext();
      const other = await fresh.newPage();
      await accounts.signIn(other, student);
      await new LessonPage(other).open("local-qwen-vl");
      await new LessonPage(other).expectDone("OCR versus a VLM");
      await fresh.close();
    }).toPass({ timeout: 30_000 });
  });

  test("a guest's steps survive a reload, show in the catalogue, and move into a new account", async ({ page, browser, accounts }) => {
    const lesson = new LessonPage(page);
    await lesson.open("local-qwen-vl");
    await lesson.markDone("Why Qwen-VL matters locally");
    // Keyboard works too.
    await lesson.stepToggle("What Qwen-VL is").focus();
    await page.keyboard.press("Space");
    await lesson.expectDone("What Qwen-VL is");
    await expect(lesson.map).toContainText("2 of 11 done");

    await page.reload();
    await lesson.expectDone("Why Qwen-VL matters locally");
    await lesson.expectDone("What Qwen-VL is");
    await lesson.expectDone("OCR versus a VLM", false);

    await page.goto("/");
    await expect(page.getByTestId("progress-local-qwen-vl")).toContainText("2 of 11 steps done");
    const resume = page.getByRole("region", { name: "Continue where you left off" });
    await expect(resume).toContainText("Next step: How a vision-language model sees");
    await expectAccessible(page);

    // Sign up (through the form: it is how the steps join an account here) from the lesson's own
    // link; the steps come along and leave the browser's copy.
    await lesson.open("local-qwen-vl");
    await page.getByRole("main").getByRole("link", { name: "Sign in", exact: true }).click();
    await page.getByRole("link", { name: "Create an account" }).click();
    await expect(page).toHaveURL(/\/signup\?callbackUrl=%2Flessons%2Flocal-qwen-vl/);
    const account = newAccount("reader");
    await new AuthPages(page).signUp(account, page.url());
    await expect(page).toHaveURL("/lessons/local-qwen-vl");
    await expect(page.getByText("Progress saves to your account.")).toBeVisible();
    await lesson.expectDone("Why Qwen-VL matters locally");
    await lesson.expectDone("What Qwen-VL is");
    await expect
      .poll(() => page.evaluate(() => JSON.parse(localStorage.getItem("lesson-lab:progress:v1") ?? "{}").steps ?? {}))
      .toEqual({});

    // Another device: a fresh browser signed in to the same account.
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await accounts.signIn(otherPage, account);
    const otherLesson = new LessonPage(otherPage);
    await otherLesson.open("local-qwen-vl");
    await otherLesson.expectDone("What Qwen-VL is");
    await otherLesson.markDone("OCR versus a VLM");
    // The save is a request in flight; the catalogue shows it once it has landed.
    await expect(async () => {
      await otherPage.goto("/");
      await expect(otherPage.getByTestId("progress-local-qwen-vl")).toContainText("3 of 11 steps done", { timeout: 1000 });
    }).toPass({ timeout: 10_000 });
    await other.close();

    // Un-marking works for the account too.
    await page.reload();
    await lesson.expectDone("OCR versus a VLM");
    await lesson.stepToggle("OCR versus a VLM").click();
    await lesson.expectDone("OCR versus a VLM", false);
    await expect(async () => {
      await page.reload();
      await lesson.expectDone("OCR versus a VLM", false);
    }).toPass({ timeout: 10_000 });
  });
});

test("a related lesson opens from Keep going", async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.open("local-qwen-vl");
  const keepGoing = page.getByRole("region", { name: "Keep going" });
  await keepGoing.getByRole("link", { name: "Vision Model Selection by Use Case" }).click();
  await expect(page).toHaveURL("/lessons/vision-model-selection");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vision Model Selection by Use Case");
  await expect(page.getByText(/Lesson \d+ of 4/)).toBeVisible();
  // axe reads this lesson whole in "every related lesson is a real lesson"; here, what the client
  // navigation put in place.
  await expectAccessible(page, { include: [page.getByRole("heading", { level: 1 }), page.getByText(/Lesson \d+ of 4/)] });
});

test("every related lesson is a real lesson", async ({ page }) => {
  for (const slug of ["vision-model-selection", "vision-cost-comparison", "multimodal-model-families"]) {
    await new LessonPage(page).open(slug);
    await expect(page.locator(".lesson-prose h2").first()).toBeVisible();
    const words = (await page.locator(".lesson-prose").innerText()).split(/\s+/).filter((w) => /[a-z]/i.test(w));
    expect(words.length).toBeGreaterThan(600);
    await expectAccessible(page);
  }
});

test("an unknown lesson is a 404", async ({ page }) => {
  const response = await page.goto("/lessons/no-such-lesson");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
});
