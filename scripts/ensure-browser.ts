import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { BrowserPathError, findBrowser, type FoundBrowser } from "./browser";

// Run before the end-to-end tests: find a Chromium, and when there is none, get one. Playwright's
// own download first; when that cannot download (no network to its CDN) and we are root on Debian
// or Ubuntu, the distribution's package; otherwise one sentence saying what to run. Says what it did.

const say = (line: string) => console.log(`[e2e browser] ${line}`);

function describe(found: FoundBrowser): string {
  return found.executablePath ? `${found.executablePath} (from ${found.source})` : found.source;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  const result = spawnSync(command, args, { stdio: ["ignore", "inherit", "inherit"], env });
  return result.status === 0;
}

function distribution(): string | null {
  if (!existsSync("/etc/os-release")) return null;
  const text = readFileSync("/etc/os-release", "utf8");
  const field = (key: string) => new RegExp(`^${key}="?([^"\\n]*)"?$`, "m").exec(text)?.[1] ?? "";
  const ids = `${field("ID")} ${field("ID_LIKE")}`;
  if (/\bubuntu\b/.test(ids)) return "ubuntu";
  if (/\bdebian\b/.test(ids)) return "debian";
  return null;
}

function installWithPlaywright(): boolean {
  say("no Chromium found; trying `npx playwright install chromium`…");
  const cli = path.join(process.cwd(), "node_modules", "@playwright", "test", "cli.js");
  return run(process.execPath, [cli, "install", "chromium"]);
}

function installWithApt(distro: string): boolean {
  const pkg = distro === "ubuntu" ? "chromium-browser" : "chromium";
  say(`Playwright could not download its browser; installing ${distro === "ubuntu" ? "Ubuntu" : "Debian"}'s ${pkg} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () => run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", pkg], env);
  // A fresh machine often has empty package lists: update once, then try again.
  return install() || (run("apt-get", ["update", "-qq"], env) && install());
}

function main(): number {
  const started = Date.now();
  let found: FoundBrowser | null;
  try {
    found = findBrowser();
  } catch (error) {
    if (error instanceof BrowserPathError) {
      say(error.message);
      return 1;
    }
    throw error;
  }
  if (found) {
    say(`using ${describe(found)}`);
    return 0;
  }
  const steps: string[] = [];
  if (installWithPlaywright() && (found = findBrowser())) {
    steps.push("installed Playwright's Chromium");
  } else {
    const distro = distribution();
    const isRoot = process.getuid?.() === 0;
    if (distro && isRoot && installWithApt(distro) && (found = findBrowser())) {
      steps.push(`installed the ${distro} package with apt-get`);
    }
  }
  if (!found) {
    say(
      "No Chromium for the end-to-end tests and none could be installed here: run `sudo apt-get install -y chromium` (Debian/Ubuntu) " +
        "or `npx playwright install chromium`, or set CHROMIUM_PATH to a Chrome or Chromium binary, then run the tests again.",
    );
    return 1;
  }
  say(`${steps.join(", ")} in ${Math.round((Date.now() - started) / 1000)} s; using ${describe(found)}`);
  return 0;
}

process.exit(main());
