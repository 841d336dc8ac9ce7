// Lighthouse on the built lesson page: median of N runs, desktop and mobile.
//   npm start   (in another terminal), then:
//   npm run bench:lighthouse -- [url] [runs]
// Targets (issue 3): performance >= 0.95 desktop and >= 0.90 mobile, accessibility 1.0, CLS 0.
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const url = process.argv[2] ?? "http://localhost:3000/lessons/local-qwen-vl";
const runs = Number(process.argv[3] ?? 3);
const chromePath = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

try {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
} catch (error) {
  console.error(`Cannot load ${url} (${error.message}). Start the built app first: npm start`);
  process.exit(1);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
  ],
});
try {
  for (const formFactor of ["desktop", "mobile"]) {
    const results = [];
    for (let i = 0; i < runs; i++) {
      const config = formFactor === "desktop" ? (await import("lighthouse/core/config/desktop-config.js")).default : undefined;
      const { lhr } = await lighthouse(
        url,
        { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility", "best-practices", "seo"] },
        config,
      );
      results.push({
        performance: lhr.categories.performance.score,
        accessibility: lhr.categories.accessibility.score,
        bestPractices: lhr.categories["best-practices"].score,
        seo: lhr.categories.seo.score,
        cls: lhr.audits["cumulative-layout-shift"].numericValue,
        lcpMs: lhr.audits["largest-contentful-paint"].numericValue,
        tbtMs: lhr.audits["total-blocking-time"].numericValue,
        fcpMs: lhr.audits["first-contentful-paint"].numericValue,
      });
    }
    const summary = Object.fromEntries(Object.keys(results[0]).map((k) => [k, median(results.map((r) => r[k]))]));
    console.log(`${formFactor} (median of ${runs}):`, JSON.stringify(summary));
  }
} finally {
  await chrome.kill();
}
