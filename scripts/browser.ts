import { accessSync, constants, existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

// Where the end-to-end tests find a browser. Shared by playwright.config.ts (which must not
// install anything) and scripts/ensure-browser.ts (which may).

export type FoundBrowser = {
  /** undefined: Playwright's own browser, which Playwright finds by itself */
  executablePath: string | undefined;
  source: string;
};

const SYSTEM_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
const SYSTEM_DIRS = ["/usr/bin", "/usr/local/bin", "/snap/bin"];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export class BrowserPathError extends Error {}

export function findBrowser(env: NodeJS.ProcessEnv = process.env): FoundBrowser | null {
  if (env.CHROMIUM_PATH) {
    if (!isExecutable(env.CHROMIUM_PATH))
      throw new BrowserPathError(`CHROMIUM_PATH is ${env.CHROMIUM_PATH}, which is not an executable file: fix it or unset it.`);
    return { executablePath: env.CHROMIUM_PATH, source: "CHROMIUM_PATH" };
  }
  const dirs = [...SYSTEM_DIRS, ...(env.PATH ?? "").split(path.delimiter).filter(Boolean)];
  for (const name of SYSTEM_NAMES) {
    for (const dir of dirs) {
      const file = path.join(dir, name);
      if (isExecutable(file)) return { executablePath: file, source: "the system" };
    }
  }
  try {
    const own = chromium.executablePath();
    if (existsSync(own) && isExecutable(own)) return { executablePath: undefined, source: `Playwright's own browser (${own})` };
  } catch {
    // Playwright has no browser of its own here.
  }
  return null;
}
