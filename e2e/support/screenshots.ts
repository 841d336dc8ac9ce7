import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";

// With E2E_SCREENSHOTS=1, specs shoot the page they are on, as people would see it: light and
// dark, desktop (1366 px) and phone (390 px), full page, into test-results/screenshots. Off by
// default: it is for looking at, not for asserting.
const enabled = Boolean(process.env.E2E_SCREENSHOTS);
const outDir = path.resolve("test-results", "screenshots");

export async function shoot(page: Page, name: string): Promise<void> {
  if (!enabled) return;
  mkdirSync(outDir, { recursive: true });
  const viewport = page.viewportSize();
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const [device, width] of [
      ["desktop", 1366],
      ["phone", 390],
    ] as const) {
      await page.setViewportSize({ width, height: device === "phone" ? 844 : 900 });
      // Laid out and painted at the new size: two animation frames later.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      await page.screenshot({ path: path.join(outDir, `${name}-${device}-${colorScheme}.png`), fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: null });
  if (viewport) await page.setViewportSize(viewport);
}
