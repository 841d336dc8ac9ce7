import { expect, test } from "./support/fixtures";
import { LessonPage } from "./support/lesson-page";

// The lesson's plain prose is HTML outside React's tree (lib/content/server/static-prose.ts): in
// the page once, not again in the RSC payload; kept by hydration and re-renders; fetched on a
// client navigation.

const SENTENCE = "A person reads all of these in seconds.";
const payloadOf = (html: string) => [...html.matchAll(/self\.__next_f\.push\(([\s\S]*?)\)<\/script>/g)].map((m) => m[1]).join("");

test("the prose is in the page once and not in its payload", async ({ request }) => {
  const html = await (await request.get("/lessons/local-qwen-vl")).text();
  expect(html.split(SENTENCE)).toHaveLength(2);
  expect(payloadOf(html)).not.toContain("A person reads all of these");
  // a markdown table too: its cells are HTML, its scrolling box a component
  expect(payloadOf(html)).not.toContain("1,222 with the 1 MP cap");
  expect(html).toContain("1,222 with the 1 MP cap");
});

test("hydration and a re-render keep the prose; a client navigation brings it", async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.open("local-qwen-vl");
  await expect(page.getByText(SENTENCE)).toHaveCount(1);
  await lesson.markDone("What Qwen-VL is"); // the page's client parts render again
  await expect(page.getByText(SENTENCE)).toBeVisible();
  await expect(page.getByRole("region", { name: /Table: Screenshot/ }).first()).toBeVisible();

  await page.goto("/");
  // a client navigation: no new document, the runs come from /lessons/<slug>/prose
  const prose = page.waitForResponse((r) => r.url().endsWith("/lessons/local-qwen-vl/prose") && r.ok());
  await page.getByRole("link", { name: "Local Qwen-VL: Seeing Images Without a Cloud API" }).first().click();
  await prose;
  await expect(page).toHaveURL(/\/lessons\/local-qwen-vl(#.*)?$/);
  await expect(page.getByText(SENTENCE)).toBeVisible();
  await expect(page.getByText(SENTENCE)).toHaveCount(1);
});
