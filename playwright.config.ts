import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { findBrowser } from "./scripts/browser";

// e2e runs against the built app (scripts/start.ts builds when sources changed) on its own port,
// data directory and database. The config is read again by every worker, so values chosen once
// are passed down through the environment.
const port = Number(process.env.E2E_PORT ?? 3100);
const ollamaPort = port + 1434; // the Ollama test double, next to the app
process.env.E2E_DATA_DIR ??= path.resolve("data", `e2e-${Date.now()}`);
const baseURL = `http://127.0.0.1:${port}`;
/** Specs reach the Ollama test double's /__test control API here. */
process.env.E2E_OLLAMA_URL = `http://127.0.0.1:${ollamaPort}`;
/** The LTI platform double (e2e/support/lti.ts): a course site the browser reaches as "localhost", another site than the app. */
const ltiPort = port + 1510;
process.env.E2E_LTI_URL = `http://127.0.0.1:${ltiPort}`;
// Everything sharing PostgreSQL must share a secret (the app and its scripts refuse to start
// without one there): the server, and the scripts the specs run against its database.
if (process.env.E2E_DATABASE_URL) process.env.E2E_AUTH_SECRET ??= "e2e-postgres-secret-that-is-long-enough-01234";

function browserPath(): string | undefined {
  const found = findBrowser();
  if (!found) {
    throw new Error("No Chromium for the end-to-end tests: run `npm run test:e2e`, which finds or installs one, or set CHROMIUM_PATH.");
  }
  return found.executablePath;
}

const executablePath = browserPath();

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: true,
  // Three on two cores: the tests spend most of their time waiting on the server and the model
  // double (npm test used about 0.7 of a core with two), and each test owns its accounts.
  workers: 3,
  // Tests should pass the first time: locally there is no retry; CI keeps one and names every test
  // that needed it (e2e/support/flaky-reporter.ts prints "flaky: <test>").
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [["list"], ["./e2e/support/flaky-reporter.ts"], ["html", { open: "never" }]]
    : [["list"], ["./e2e/support/flaky-reporter.ts"]],
  use: {
    baseURL,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: [
    {
      command: `node --import tsx test/ollama-double/cli.ts --port ${ollamaPort}`,
      url: `http://127.0.0.1:${ollamaPort}/api/version`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `node --import tsx test/lti-platform-double/cli.ts --port ${ltiPort} --browser-host localhost`,
      url: `http://127.0.0.1:${ltiPort}/jwks`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "node --conditions=react-server --import tsx scripts/start.ts",
      url: `${baseURL}/api/health`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PORT: String(port),
        DATA_DIR: process.env.E2E_DATA_DIR,
        ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL, AUTH_SECRET: process.env.E2E_AUTH_SECRET } : {}),
        // Only e2e/auth.spec.ts signs up with this address (to prove INSTRUCTOR_EMAILS works); every
        // other test gets an instructor of its own from the fixtures (e2e/support/fixtures.ts).
        INSTRUCTOR_EMAILS: "instructor@example.test",
        SIGNIN_LIMIT_PER_ADDRESS: "100000",
        // a model only e2e/tutor.spec.ts uses (it pulls it on the double), so it can take it away
        TUTOR_MODEL: "smollm2:360m",
        // A thinking budget e2e/lab-gpu.spec.ts can use up in seconds (the double's usual thinking is
        // about 60 tokens, so no other test comes near it).
        LAB_THINKING_NUM_PREDICT: "300",
        // How long a cold start waits for /api/ps to drop an unloaded model: e2e/lab-gpu.spec.ts
        // keeps one loaded on purpose, and the run says so after this many seconds.
        LAB_UNLOAD_WAIT_S: "3",
        // The app's clock for tests (lib/server/clock.ts): the clock fixture (e2e/support/clock.ts)
        // moves one account's time by writing test-clock.<user id> beside this file.
        TEST_CLOCK_FILE: path.join(process.env.E2E_DATA_DIR!, "test-clock"),
        // Course sites on plain http: e2e/lti-registration.spec.ts registers one (a real LMS is https).
        LTI_ALLOW_HTTP: "1",
        // The grade outbox looks for due scores this often (a new score is sent at once anyway):
        // e2e/lti-grades.spec.ts waits on it.
        LTI_OUTBOX_TICK_SECONDS: "2",
        OLLAMA_HOST: `http://127.0.0.1:${ollamaPort}`,
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  ],
});
