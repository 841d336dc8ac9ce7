import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

// Screenshots of pages as people see them: light and dark, desktop and phone.
//   npx tsx scripts/screenshots.ts [baseURL] [path ...]
const [baseURL = "http://localhost:3000", ...paths] = process.argv.slice(2);
const pages = paths.length ? paths : ["/", "/signin", "/signup"];
const outDir = path.resolve("test-results", "screenshots");
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
});
for (const scheme of ["light", "dark"] as const) {
  for (const [device, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 360, height: 780 }]] as const) {
    const context = await browser.newContext({ colorScheme: scheme, viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const p of pages) {
      await page.goto(new URL(p, baseURL).toString(), { waitUntil: "networkidle" });
      const name = `${p.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "home"}-${device}-${scheme}.png`;
      await page.screenshot({ path: path.join(outDir, name), fullPage: true });
      console.log(path.join(outDir, name));
    }
    await context.close();
  }
}
await browser.close();
