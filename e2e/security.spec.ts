import { statSync } from "node:fs";
import { request as httpRequest } from "node:http";
import path from "node:path";
import { expectAccessible } from "./support/a11y";
import { AuthPages, newAccount } from "./support/auth-pages";
import { userRole } from "./support/cli";
import { expect, test } from "./support/fixtures";

// The hardening issue, attacked over HTTP against the running build: forged origins, spoofed
// addresses, oversize bodies from guests, copied cookies after sign-out, world-readable data.

/** Sends headers only (no body) and reports the status and how long the answer took. */
function headersOnly(baseURL: string, pathname: string, headers: Record<string, string>): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const url = new URL(pathname, baseURL);
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, ms: Date.now() - started });
      req.destroy();
    });
    req.on("error", (error) => (Date.now() - started > 0 ? resolve({ status: 0, ms: Date.now() - started }) : reject(error)));
    req.flushHeaders();
  });
}

test.describe("hardening", () => {
  test("a POST from another origin (or with none) is refused; the same origin goes through", async ({ studentPage: page, baseURL }) => {
    const evil = await page.request.post("/api/lab/images", {
      headers: { Origin: "http://127.0.0.1:9999" },
      data: { sampleId: "receipt" },
    });
    expect(evil.status()).toBe(403);
    expect((await evil.json()).code).toBe("CROSS_ORIGIN");
    const none = await page.request.post("/api/lab/images", { data: { sampleId: "receipt" } });
    expect(none.status()).toBe(403);
    const same = await page.request.post("/api/lab/images", { headers: { Origin: baseURL! }, data: { sampleId: "receipt" } });
    expect(same.status()).toBe(200);
    // A JSON body sent as text/plain (what a cross-site form can do) is refused by the pull route.
    const plain = await page.request.post("/api/models/pull", {
      headers: { Origin: baseURL!, "Content-Type": "text/plain" },
      data: JSON.stringify({ model: "gemma3:1b" }),
    });
    expect(plain.status()).toBe(415);
    // Server actions are POSTs too: a forged Origin never reaches them.
    const action = await page.request.post("/account", { headers: { Origin: "http://evil.example", "Next-Action": "x" }, data: "[]" });
    expect(action.status()).toBe(403);
  });

  test("an oversize or anonymous upload is refused before its body is read", async ({ baseURL }) => {
    const huge = await headersOnly(baseURL!, "/api/lab/images", {
      Origin: baseURL!,
      "Content-Type": "multipart/form-data; boundary=x",
      "Content-Length": String(200_000_000),
    });
    expect(huge.status).toBe(413);
    expect(huge.ms).toBeLessThan(2000);
    const guest = await headersOnly(baseURL!, "/api/lab/images", {
      Origin: baseURL!,
      "Content-Type": "multipart/form-data; boundary=x",
      "Content-Length": String(5_000_000),
    });
    expect(guest.status).toBe(401);
    expect(guest.ms).toBeLessThan(2000);
  });

  test("X-Forwarded-For from a client is not believed: wrong passwords count against the real address", async ({
    browser,
    studentPage: setup,
    student: victim,
  }) => {
    const attacker = await (await browser.newContext()).newPage();
    const auth = new AuthPages(attacker);
    for (let i = 0; i < 6; i++) {
      await attacker.setExtraHTTPHeaders({ "X-Forwarded-For": `198.51.100.${i}` });
      await auth.signIn({ email: victim.email, password: `wrong-password-${i}` });
      await expect(attacker.getByText(/do not match|Too many/)).toBeVisible();
    }
    // The sixth address was "new", yet the account from this (real) address now waits.
    await attacker.setExtraHTTPHeaders({ "X-Forwarded-For": "198.51.100.200" });
    await auth.signIn({ email: victim.email, password: victim.password });
    await expect(attacker.getByText(/Too many sign-in attempts/)).toBeVisible();
    // The owner, signed in elsewhere, was never locked out of their session.
    await setup.goto("/account");
    await expect(setup.getByRole("heading", { name: "Account" })).toBeVisible();
  });

  test("sign-out ends the session: a copied cookie stops working; sign out everywhere ends the others", async ({
    browser,
    baseURL,
    studentPage: laptop,
    student: account,
    accounts,
  }) => {
    await laptop.goto("/");
    await new AuthPages(laptop).expectSignedInAs(account.name);
    const cookies = await laptop.context().cookies();
    const thief = await browser.newContext();
    await thief.addCookies(cookies);
    const stolen = await thief.newPage();
    await stolen.goto("/account");
    await expect(stolen.getByRole("heading", { name: "Account" })).toBeVisible();
    await new AuthPages(laptop).signOut();
    await stolen.goto("/account");
    await expect(stolen).toHaveURL(/\/signin\?callbackUrl=%2Faccount/);

    // Two devices; "Sign out everywhere" on one ends both.
    const phone = await (await browser.newContext()).newPage();
    const desk = await (await browser.newContext()).newPage();
    for (const device of [phone, desk]) await accounts.signIn(device, account);
    await desk.goto("/account");
    await expect(desk.getByTestId("session-count")).toContainText("2 browsers");
    await expectAccessible(desk);
    await desk.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(desk).toHaveURL(/\/signin/);
    await expect(desk.getByText("You were signed out on every device.")).toBeVisible();
    await phone.goto(`${baseURL}/account`);
    await expect(phone).toHaveURL(/\/signin/);
  });

  test("the account page changes the name and the password", async ({ studentPage: page, student: account }) => {
    await page.goto("/");
    await page.getByRole("banner").getByRole("link", { name: "Account", exact: true }).click();
    await expect(page).toHaveURL("/account");
    await page.getByLabel("Name", { exact: true }).fill("Renamed Student");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect(page.getByText("Saved.")).toBeVisible();
    await expect(page.getByRole("banner")).toContainText("Renamed Student");
    await page.getByLabel("Current password").fill("not my password");
    await page.getByLabel("New password").fill("a brand new password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("That is not your current password.")).toBeVisible();
    await page.getByLabel("Current password").fill(account.password);
    await page.getByLabel("New password").fill("a brand new password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Password changed. Your other sessions have ended.")).toBeVisible();
    await new AuthPages(page).signOut();
    await new AuthPages(page).signIn({ email: account.email, password: "a brand new password" });
    await new AuthPages(page).expectSignedInAs("Renamed Student");
  });

  test("an instructor issues a one-time reset link; it works once and ends the student's sessions", async ({
    browser,
    studentPage: student,
    student: account,
    instructorPage: teacher,
    classroom,
  }) => {
    // Links are for the students of one's own classes.
    expect(classroom.id).toBeTruthy();
    await teacher.goto("/instructor/password-reset");
    await teacher.getByLabel("Student's email").fill(account.email);
    await teacher.getByRole("button", { name: "Create reset link" }).click();
    const link = (await teacher.getByTestId("reset-link").textContent())!.trim();
    await expectAccessible(teacher);
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(link);
    await expect(visitor.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    await visitor.getByLabel("New password").fill("reset password 12345");
    await visitor.getByRole("button", { name: "Set new password" }).click();
    await expect(visitor.getByText(/Your password was changed and every session of the account ended/)).toBeVisible();
    await student.goto("/account");
    await expect(student).toHaveURL(/\/signin/);
    await visitor.goto(link);
    await expect(visitor.getByRole("heading", { name: "This link does not work" })).toBeVisible();
    await new AuthPages(visitor).signIn({ email: account.email, password: "reset password 12345" });
    await new AuthPages(visitor).expectSignedInAs(account.name);
    // Students cannot issue links.
    expect((await visitor.goto("/instructor/password-reset"))?.status()).toBe(403);
  });

  test("an instructor invitation printed by npm run user:role creates an instructor for that email only", async ({ page }) => {
    const invited = newAccount("invitee");
    const printed = userRole(["--invite", invited.email, "--base-url", "http://x"]);
    expect(printed.status, printed.stderr).toBe(0);
    const token = /invite=([\w-]+)/.exec(printed.stdout)![1]!;
    await page.goto(`/signup?invite=${token}`);
    await expect(page.getByRole("heading", { name: "Create your instructor account" })).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(invited.email);
    await page.getByLabel("Name").fill(invited.name);
    await page.getByLabel("Password").fill(invited.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("banner")).toContainText("(instructor)");
    await new AuthPages(page).signOut();
    await page.goto(`/signup?invite=${token}`);
    await expect(page.getByText(/This invitation is not valid any more/)).toBeVisible();
  });

  test("the data directory and the database are readable by the app's user only", async () => {
    const dir = process.env.E2E_DATA_DIR!;
    if (process.env.E2E_DATABASE_URL) test.skip(true, "PostgreSQL: no SQLite file here");
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dir, "lesson-lab.db")).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, "auth-secret")).mode & 0o777).toBe(0o600);
  });
});
