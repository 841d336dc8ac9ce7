import { spawnSync } from "node:child_process";
import type { Locator, Page } from "@playwright/test";
import { expectAccessible } from "./support/a11y";
import { e2eDatabaseEnv } from "./support/cli";
import { expect, test } from "./support/fixtures";
import { LessonPage } from "./support/lesson-page";
import { shoot } from "./support/screenshots";
import { SectionCheck } from "./support/section-check";

// Issue 27, the shell: a forgotten password, the focus colour, the phone Contents bar, the check
// feedback's order, the theme toggle, the phone Menu's badge and the Models page's Pull buttons
// (walk of 2026-12-06, findings 10, 11, 12, 24, 25, 27, 31), each at the width it was found.

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };
const FORGOT = "Forgot your password? Ask your instructor for a reset link.";

/** A computed colour's alpha: 1 unless it says otherwise (rgba(…, a), or "/ a" in the newer syntaxes). */
function alphaOf(color: string): number {
  const slash = /\/\s*([\d.]+)(%?)\s*\)$/.exec(color);
  if (slash) return Number(slash[1]) / (slash[2] ? 100 : 1);
  const rgba = /^rgba\(([^)]+)\)$/.exec(color);
  return rgba ? Number(rgba[1]!.split(",")[3]) : 1;
}

const rgbOf = (color: string) => (/^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color) ?? []).slice(1).map(Number);

const styleOf = (locator: Locator) =>
  locator.evaluate((el) => {
    const style = getComputedStyle(el);
    return {
      outlineColor: style.outlineColor,
      outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth),
      borderColor: style.borderColor,
    };
  });

async function top(locator: Locator): Promise<number> {
  return (await locator.boundingBox())!.y;
}

/** A student with a write-up returned for revision, made by the app's own lib (scripts/seed-submissions.ts). */
function seedReturnedWriteUp(name: string): { email: string; password: string; state: string } {
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/seed-submissions.ts"], {
    encoding: "utf8",
    input: JSON.stringify({
      students: [{ name, review: { decision: "RETURNED", level: "first", feedback: "Quote the memory figures." } }],
    }),
    timeout: 150_000,
    env: { ...process.env, ...e2eDatabaseEnv(), OLLAMA_HOST: process.env.E2E_OLLAMA_URL },
  });
  expect(result.status, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { students: { email: string; password: string; state: string }[] }).students[0]!;
}

async function expectAccessibleInBothThemes(page: Page, include?: string) {
  await expectAccessible(page, { include });
  await page.emulateMedia({ colorScheme: "dark" });
  await expectAccessible(page, { include });
  await page.emulateMedia({ colorScheme: null });
}

test.describe("on a phone", () => {
  test.use({ viewport: PHONE });

  test("sign-in says what to do about a forgotten password; the focus ring is not the error's red", async ({ page }) => {
    await page.goto("/signin");
    const email = page.getByLabel("Email");
    const password = page.getByLabel("Password");
    // Visible before any error, and read with the password field.
    await expect(page.getByText(FORGOT)).toBeVisible();
    await expect(password).toHaveAccessibleDescription(FORGOT);

    await email.focus();
    const valid = await styleOf(email);
    expect(valid.outlineStyle).not.toBe("none");
    expect(valid.outlineWidth).toBeGreaterThanOrEqual(2);

    // Nothing typed: the email is refused, marked invalid (red border) and focused (focus ring).
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(email).toBeFocused();
    const invalid = await styleOf(email);
    expect(invalid.outlineColor).toBe(valid.outlineColor);
    expect(invalid.outlineColor).not.toBe(invalid.borderColor);
    const [red, , blue] = rgbOf(invalid.outlineColor);
    expect(blue!, `focus ${invalid.outlineColor}`).toBeGreaterThan(red!); // the blue family, not the error's
    const [errorRed, , errorBlue] = rgbOf(invalid.borderColor);
    expect(errorRed!, `error ${invalid.borderColor}`).toBeGreaterThan(errorBlue!);

    // A wrong password: the error under the field, the way out still beside it.
    await email.fill(`nobody-${Date.now().toString(36)}@example.test`);
    await password.fill("not-the-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(password).toHaveAccessibleDescription(
      `${FORGOT} That email and password do not match an account. Check both and try again.`,
    );
    await expect(page.getByText(FORGOT)).toBeVisible();
    await expectAccessibleInBothThemes(page);
    await shoot(page, "walk-signin");
  });

  test("the Contents bar is opaque in both themes; a wrong number gets the verdict, which way it is off, the hint, then Try again", async ({
    page,
  }) => {
    await new LessonPage(page).open("local-qwen-vl");
    const contents = page.getByRole("navigation", { name: "Lesson contents" });
    await contents.getByText("Contents", { exact: true }).click();
    await expect(contents.getByRole("link", { name: "OCR versus a VLM" })).toBeVisible();
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      const background = await contents.evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(alphaOf(background), `${colorScheme}: ${background}`).toBe(1);
    }
    await page.emulateMedia({ colorScheme: null });
    await contents.getByText("Contents", { exact: true }).click();

    const tokens = new SectionCheck(page, "How many tokens does the image add to prompt_eval_count");
    await tokens.type("1300");
    await tokens.submit();
    const verdict = tokens.feedback.getByText("Not quite.", { exact: true });
    const miss = tokens.feedback.getByText("You answered 1,300 tokens: 34 tokens too low.");
    const tryAgain = tokens.card.getByRole("button", { name: "Try again" });
    await expect(verdict).toBeVisible();
    await expect(miss).toBeVisible();
    await expect(tokens.hint).toContainText("Divide each side by 28");
    // Top to bottom: verdict, which way it is off, hint, Try again.
    const tops = await Promise.all([verdict, miss, tokens.hint, tryAgain].map(top));
    expect(tops).toEqual([...tops].sort((a, b) => a - b));
    expect(new Set(tops).size).toBe(4);
    await expectAccessibleInBothThemes(page, `[data-testid="${await tokens.card.getAttribute("data-testid")}"]`);
  });

  test("the closed Menu button carries the feedback badge", async ({ page, accounts }) => {
    test.setTimeout(120_000);
    const seeded = seedReturnedWriteUp(`Walk Shell ${Date.now().toString(36)}`);
    expect(seeded.state).toBe("RETURNED");
    await accounts.signIn(page, seeded);
    await page.goto("/account");
    const banner = page.getByRole("banner");
    const menu = banner.getByRole("button", { name: "Menu, 1 new" });
    await expect(menu).toBeVisible();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(banner.getByTestId("menu-badge")).toHaveText("1 new");
    await menu.click();
    await expect(banner.getByTestId("feedback-badge")).toHaveText("1 new");
    // The theme control is in the menu on a phone, labelled in words.
    await expect(banner.getByLabel("Theme")).toBeVisible();
    await expectAccessibleInBothThemes(page, "header");
  });
});

test.describe("on a laptop", () => {
  test.use({ viewport: DESKTOP });

  test("Theme: Dark is applied at once and again before the first paint after a reload; System is the default", async ({ page }) => {
    await page.goto("/");
    const theme = page.getByRole("banner").getByRole("combobox", { name: "Theme" });
    const html = page.locator("html");
    await expect(theme).toHaveValue("system");
    await expect(html).not.toHaveAttribute("data-theme");
    await expectAccessible(page, { include: "header" });
    await shoot(page, "walk-header-theme");

    // Until the page hydrates, a change can be lost: pick again until it takes.
    await expect(async () => {
      await theme.selectOption({ label: "Dark" });
      await expect(html).toHaveAttribute("data-theme", "dark", { timeout: 1000 });
    }).toPass();
    await expect.poll(() => html.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(18, 20, 23)");

    // The served HTML is the same for everyone (guests' pages are cached): the choice is applied by
    // the nonce'd script in <head>, which runs before <body> exists. Record the order it happens in.
    await page.addInitScript(() => {
      const order: string[] = [];
      (window as unknown as { themeOrder: string[] }).themeOrder = order;
      if (document.documentElement?.dataset.theme) order.push("theme");
      if (document.body) order.push("body");
      new MutationObserver((records) => {
        for (const record of records) {
          if (record.type === "attributes" && record.target === document.documentElement) order.push("theme");
          for (const node of record.addedNodes) if (node.nodeName === "BODY") order.push("body");
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-theme"] });
    });
    await page.reload();
    await expect(html).toHaveAttribute("data-theme", "dark");
    await expect(theme).toHaveValue("dark");
    const order = await page.evaluate(() => (window as unknown as { themeOrder: string[] }).themeOrder);
    expect(order.indexOf("theme"), order.join(", ")).toBeGreaterThanOrEqual(0);
    expect(order.indexOf("theme"), order.join(", ")).toBeLessThan(order.indexOf("body"));
    await expectAccessible(page, { include: "header" });

    // Back to System: the device decides again, and the choice is forgotten.
    await theme.selectOption({ label: "System" });
    await expect(html).not.toHaveAttribute("data-theme");
    expect(await page.evaluate(() => localStorage.getItem("lesson-lab-theme"))).toBeNull();
  });

  test("Models: a missing recommended model has a Pull button for instructors; a failed pull shows no empty bar", async ({
    page,
    accounts,
    instructor,
    student,
  }) => {
    await accounts.signIn(page, instructor);
    await page.goto("/settings/models");
    // gemma3:1b and qwen3-vl:2b-instruct are on no host of the Ollama test double; the second does not exist at all.
    const pair = page.getByTestId("pair").filter({ hasText: "gemma3:1b + qwen3-vl:2b-instruct" });
    await expect(pair).toContainText("ollama pull gemma3:1b");
    await expect(pair.getByRole("button", { name: "Pull gemma3:1b" })).toBeVisible();
    const pullMissing = pair.getByRole("button", { name: "Pull qwen3-vl:2b-instruct" });
    await expect(pullMissing).toBeVisible();
    await expectAccessibleInBothThemes(page);

    await pullMissing.click();
    await expect(page.getByRole("heading", { name: "Pull a model" })).toBeFocused();
    await expect(page.getByLabel("Model tag")).toHaveValue("qwen3-vl:2b-instruct");
    await expect(page.getByText(/There is no model "qwen3-vl:2b-instruct"/)).toBeVisible();
    await expect(page.getByRole("progressbar", { name: "Pulling qwen3-vl:2b-instruct" })).toHaveCount(0);
    await expect(page.getByText(/0 KB of 0 KB/)).toHaveCount(0);
    await expect(pullMissing).toBeEnabled();

    // Those who may not pull see the command only.
    const other = await accounts.newPage(student);
    await other.goto("/settings/models");
    const theirPair = other.getByTestId("pair").filter({ hasText: "gemma3:1b + qwen3-vl:2b-instruct" });
    await expect(theirPair).toContainText("ollama pull gemma3:1b");
    await expect(theirPair.getByRole("button")).toHaveCount(0);
  });
});
