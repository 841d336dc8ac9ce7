import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";

const SCOPE = "data-axe-scope";

/**
 * No serious or critical axe violations on the page as it is now, or (with `include`) in the parts
 * a test just changed: a CSS selector or locators. A whole lesson page costs axe about 6 s of a
 * shared core (colour contrast on 2,300 elements), so a page already read whole in its state is
 * read again only where the test changed it.
 */
export async function expectAccessible(page: Page, options: { include?: string | Locator[] } = {}) {
  // After a client-side navigation Next.js sets the title a moment after the content arrives.
  await expect.poll(() => page.title()).not.toBe("");
  // Colours mid-transition (a theme just switched, a button's hover fading) are not the page's:
  // wait for running CSS transitions (never for endless animations such as a spinner).
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a instanceof CSSTransition)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  // Only violations are read: axe need not gather the nodes that passed (much of its time on a long
  // lesson). options() replaces every option, so it comes before withTags().
  // Legacy mode runs axe.run() in the page itself. The default runs each frame's part and then
  // finishes in a fresh blank page: a new renderer and a second copy of axe per check, about 2.5 s
  // of a shared core each time (measured on the lesson page), for cross-origin frames the app never
  // has.
  let builder = new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ["violations"] })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]);
  const scoped = Array.isArray(options.include) ? options.include : [];
  for (const part of scoped) {
    await expect(part.first()).toBeVisible();
    await part.evaluateAll((elements, name) => elements.forEach((element) => element.setAttribute(name, "")), SCOPE);
  }
  if (typeof options.include === "string") builder = builder.include(options.include);
  else if (scoped.length) builder = builder.include(`[${SCOPE}]`);
  const { violations } = await builder.analyze();
  for (const part of scoped)
    await part.evaluateAll((elements, name) => elements.forEach((element) => element.removeAttribute(name)), SCOPE);
  const blocking = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    blocking.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`),
    `axe violations on ${page.url()}`,
  ).toEqual([]);
}
