import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

// Screenshots of pages as people see them: light and dark, desktop and phone.
//   npx tsx scripts/screenshots.ts [baseURL] [path ...] [--at=id1,id2] [--as=email:password]
// With --at, each page is also shot with the viewport scrolled to each element id; with --as, the
// account is created (or signed in) first.
const args = process.argv.slice(2);
const at =
  args
    .find((a) => a.startsWith("--at="))
    ?.slice(5)
    .split(",") ?? [];
const as = args
  .find((a) => a.startsWith("--as="))
  ?.slice(5)
  .split(":");
const [baseURL = "http://localhost:3000", ...paths] = args.filter((a) => !a.startsWith("--"));
const pages = paths.length ? paths : ["/", "/signin", "/signup"];
const outDir = path.resolve("test-results", "screenshots");
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
});
for (const scheme of ["light", "dark"] as const) {
  for (const [device, viewport] of [
    ["desktop", { width: 1280, height: 900 }],
    ["phone", { width: 360, height: 780 }],
  ] as const) {
    const context = await browser.newContext({ colorScheme: scheme, viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    if (as) {
      const [email = "", password = ""] = as;
      await page.goto(new URL("/signup", baseURL).toString());
      await page.getByLabel("Name").fill(email.split("@")[0] ?? "Screenshot");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Create account" }).click();
      await page.waitForLoadState("networkidle");
      if (page.url().includes("/signup")) {
        await page.goto(new URL("/signin", baseURL).toString());
        await page.getByLabel("Email").fill(email);
        await page.getByLabel("Password").fill(password);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
      }
    }
    for (const p of pages) {
      await page.goto(new URL(p, baseURL).toString(), { waitUntil: "networkidle" });
      const name = `${p.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "home"}-${device}-${scheme}.png`;
      await page.screenshot({ path: path.join(outDir, name), fullPage: at.length === 0 });
      console.log(path.join(outDir, name));
      for (const id of at) {
        const target = page.locator(`[id="${id}"]`).first();
        if (!(await target.count())) continue;
        await target.scrollIntoViewIfNeeded();
        await page.evaluate((el) => document.getElementById(el)?.scrollIntoView({ block: "start" }), id);
        const shot = name.replace(/\.png$/, `-at-${id}.png`);
        await page.screenshot({ path: path.join(outDir, shot) });
        console.log(path.join(outDir, shot));
      }
    }
    await context.close();
  }
}
await browser.close();
