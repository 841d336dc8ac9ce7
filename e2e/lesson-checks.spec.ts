import { expectAccessible } from "./support/a11y";
import { AuthPages } from "./support/auth-pages";
import { expect, test } from "./support/fixtures";
import { LessonPage } from "./support/lesson-page";
import { shoot } from "./support/screenshots";
import { conceptLevel, SectionCheck } from "./support/section-check";

// "Check yourself" cards at the end of the flagship's sections: graded on the server, feedback at
// once, and the concept's mastery on the lesson map moves with the answers.

const flagship = "local-qwen-vl";

test("a guest answers wrong, gets the hint, answers right, and the concept's level on the map moves", async ({ page }) => {
  await new LessonPage(page).open(flagship);
  const licence = new SectionCheck(page, "which of these tags does its licence rule out");
  const level = conceptLevel(page, "Qwen-VL");
  await expect(level).toHaveText("Your level: Not started");

  // Keyboard: the radio group takes arrow keys and does not submit on selection.
  await licence.card.getByLabel("qwen3-vl:2b", { exact: true }).focus();
  await page.keyboard.press("Space");
  await expect(licence.feedback).toBeHidden();
  await licence.submit();
  await expect(licence.feedback).toContainText("Not quite");
  await expect(licence.hint).toHaveText("Hint: Licences are per size, not per family: read the licence column row by row.");
  // The pick is explained; the key waits behind a disclosure.
  await expect(licence.card).toContainText("Your pick: not right. All Qwen3-VL sizes are Apache-2.0");
  await expect(licence.card.getByText("Its weights carry the Qwen Research License")).toBeHidden();
  await expect(level).toHaveText("Your level: Attempted");
  await licence.card.getByText("Show the answer and why").click();
  await expect(licence.feedback).toContainText("The right option:qwen2.5vl:3b");
  await expectAccessible(page);
  await licence.card.scrollIntoViewIfNeeded();
  await shoot(page, "lesson-check-wrong");

  await licence.tryAgain();
  await expect(licence.card.getByRole("button", { name: "Show a hint" })).toBeVisible();
  await licence.choose("qwen2.5vl:3b");
  await licence.submit();
  await expect(licence.feedback).toContainText("Right.");
  await expect(licence.feedback).toContainText("Within Qwen2.5-VL the 3b is non-commercial");
  await expect(licence.hint).toBeHidden();
  await expect(level).toHaveText("Your level: Familiar");

  // The browser keeps the latest answer; the card and the map say so after a reload.
  await page.reload();
  await expect(licence.card.getByTestId("check-latest")).toContainText("Your last answer: right");
  await expect(conceptLevel(page, "Qwen-VL")).toHaveText("Your level: Familiar");
  await expect(conceptLevel(page, "OCR")).toHaveText("Your level: Not started");
});

test("a numeric check reads 1,334 and says clearly when the text is not a number", async ({ page }) => {
  await new LessonPage(page).open(flagship);
  const tokens = new SectionCheck(page, "How many tokens does the image add to prompt_eval_count");
  const input = tokens.card.getByRole("textbox", { name: "Image tokens (tokens)" });

  await input.fill("abc");
  await tokens.submit();
  const error = tokens.card.getByText(
    '"abc" is not a number. Type digits, for example 1334, 1,334 or 62.5 (a unit after the number is fine).',
  );
  await expect(error).toBeVisible();
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(input).toHaveAccessibleDescription(/is not a number/);
  await expect(tokens.feedback).toBeHidden();
  await expect(conceptLevel(page, "image tokens")).toHaveText("Your level: Not started");

  // A hint on request, before answering.
  await tokens.card.getByRole("button", { name: "Show a hint" }).click();
  await expect(tokens.hint).toContainText("Divide each side by 28");

  await input.fill("1332");
  await input.press("Enter");
  await expect(tokens.feedback).toContainText("Not quite");
  await expect(tokens.feedback).toContainText("That is the grid alone.");
  await expect(conceptLevel(page, "image tokens")).toHaveText("Your level: Attempted");

  await tokens.tryAgain();
  await input.fill("1,334");
  await tokens.submit();
  await expect(tokens.feedback).toContainText("Right.");
  await expect(tokens.feedback).toContainText("The answer: 1,334 tokens.");
  await expect(tokens.feedback).toContainText("37 x 36 = 1,332 image tokens, plus 2");
  await expect(conceptLevel(page, "image tokens")).toHaveText("Your level: Familiar");
  await expectAccessible(page, { include: [tokens.card, page.getByRole("navigation", { name: "What this lesson covers" })] });
  await tokens.card.scrollIntoViewIfNeeded();
  await shoot(page, "lesson-check-numeric");
});

test("the page carries no answer key before an answer", async ({ page, request }) => {
  // Keys of the numeric checks (1,334 tokens, 62.5%), option explanations, a misconception note,
  // the working, and the correct flag. (A bare "1334" could turn up in a build hash.)
  const keys = [
    "1,334",
    "62.5",
    "Its weights carry the Qwen Research License",
    "That is the grid alone",
    '"correct"',
    "size_vram / size x 100 =",
  ];
  const html = await (await request.get(`/lessons/${flagship}`)).text();
  expect(html).toContain("which of these tags does its licence rule out");
  for (const key of keys) expect(html, key).not.toContain(key);

  await new LessonPage(page).open(flagship);
  await expect(page.getByRole("region", { name: /^Check yourself/ })).toHaveCount(14);
  const dom = await page.content();
  for (const key of keys) expect(dom, key).not.toContain(key);
});

test("an account's answers count at once and stay; a guest's answer joins the account at sign-in", async ({ page, student }) => {
  await new LessonPage(page).open(flagship);
  const gpu = new SectionCheck(page, "What percent of the loaded model is on the GPU?");
  await gpu.type("62,5 %");
  await gpu.submit();
  await expect(gpu.feedback).toContainText("Right.");
  await expect(conceptLevel(page, "resident memory")).toHaveText("Your level: Familiar");

  // Signed in through the form, from the browser that holds the guest's answer.
  await new AuthPages(page).signIn(student, `/signin?callbackUrl=%2Flessons%2F${flagship}`);
  await expect(page).toHaveURL(`/lessons/${flagship}`);
  await expect(page.getByText("Progress saves to your account.")).toBeVisible();
  await expect(gpu.card.getByTestId("check-latest")).toContainText("Your last answer: right");
  await expect(conceptLevel(page, "resident memory")).toHaveText("Your level: Familiar");

  const ocr = new SectionCheck(page, "Which questions can this OCR output answer on its own?");
  await ocr.choose("Which words are on the screen?", "Whether the Dark mode toggle is switched on?");
  await ocr.submit();
  await expect(ocr.feedback).toContainText("Not quite");
  await expect(ocr.feedback).toContainText("You picked 1 of the 2 right options and 1 wrong one.");
  await expect(conceptLevel(page, "OCR")).toHaveText("Your level: Attempted");
  await page.reload();
  await expect(conceptLevel(page, "OCR")).toHaveText("Your level: Attempted");
  await expect(conceptLevel(page, "resident memory")).toHaveText("Your level: Familiar");
});

test("the checks fit a 390 px phone in dark mode and pass axe", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
  const page = await context.newPage();
  await new LessonPage(page).open(flagship);
  const metrics = new SectionCheck(page, "What was the generation speed");
  await metrics.type("19.3");
  await metrics.submit();
  await expect(metrics.feedback).toContainText("You divided by total_duration");
  await metrics.card.getByText("Show the answer and why").click();
  await expect(metrics.feedback).toContainText("The answer: 24 tokens/s.");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page, { include: [metrics.card] });
  await context.close();
});
