import { expectAccessible } from "./support/a11y";
import { AuthPages, newAccount } from "./support/auth-pages";
import { expect, test } from "./support/fixtures";
import { shoot } from "./support/screenshots";

// Sign-up through the form is what this spec is about; where a test needs an account that exists
// already (to sign in to, to be refused), it comes from the fixtures.

test.describe("accounts", () => {
  test("sign up, sign out, sign in again", async ({ page }) => {
    const auth = new AuthPages(page);
    const account = newAccount();
    await page.goto("/signup");
    await expectAccessible(page);
    await auth.signUp(account);
    await expect(page).toHaveURL("/");
    await auth.expectSignedInAs(account.name);
    await expectAccessible(page);

    await auth.signOut();
    await auth.signIn(account);
    await expect(page).toHaveURL("/");
    await auth.expectSignedInAs(account.name);
  });

  test("sign-up explains each problem next to its field and keeps what was typed", async ({ page }) => {
    await page.goto("/signup");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Enter your name.")).toBeVisible();
    await expect(page.getByText("Enter your email address.")).toBeVisible();
    await expect(page.getByText("Choose a password.")).toBeVisible();
    await expect(page.getByLabel("Name")).toBeFocused();
    await expectAccessible(page);

    await page.getByLabel("Name").fill("Short Password");
    await page.getByLabel("Email").fill("short@example.test");
    await page.getByLabel("Password").fill("123456789");
    await page.getByRole("button", { name: "Create account" }).click();
    const password = page.getByLabel("Password");
    await expect(password).toHaveAccessibleDescription(/At least 10 characters\. Use at least 10 characters\./);
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Email")).toHaveValue("short@example.test");
    await expect(page.getByLabel("Name")).toHaveValue("Short Password");
  });

  test("signing up again with a registered email changes nothing, keeps what was typed, and signs the owner in only with their password", async ({
    page,
    browser,
  }) => {
    const account = newAccount();
    await new AuthPages(page).signUp(account);
    await expect(page).toHaveURL("/");

    const other = await (await browser.newContext()).newPage();
    await new AuthPages(other).signUp({ ...account, name: "Someone Else", password: "another password 123" });
    await expect(other.getByLabel("Password")).toHaveAccessibleDescription(/does not open the account with this email/);
    await expect(other.getByLabel("Name")).toHaveValue("Someone Else");
    await expectAccessible(other);
    await shoot(other, "signup-registered-email");
    await new AuthPages(other).expectSignedOut();
    // The owner, signing up again by mistake with their own password, is simply signed in.
    await new AuthPages(other).signUp(account);
    await new AuthPages(other).expectSignedInAs(account.name);
    await other.close();
  });

  test("a wrong password is explained next to the password and signs nobody in", async ({ page, student: account }) => {
    const auth = new AuthPages(page);
    await auth.signIn({ email: account.email, password: "not-the-password" });
    await expect(page.getByLabel("Password")).toHaveAccessibleDescription(/do not match an account/);
    await expect(page.getByLabel("Email")).toHaveValue(account.email);
    await auth.expectSignedOut();
    await expectAccessible(page);
  });

  test("repeated wrong passwords for one account from one place back off, even for the right password", async ({
    page,
    student: account,
  }) => {
    const auth = new AuthPages(page);
    await page.goto("/signin");
    await page.getByLabel("Email").fill(account.email);
    const password = page.getByLabel("Password");
    // Each attempt waits for its own answer: the form keeps the last message while the next is pending.
    const attempt = async (value: string) => {
      await password.fill(value);
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/signin"),
        page.getByRole("button", { name: "Sign in" }).click(),
      ]);
    };
    // SIGNIN_FAILURES_BEFORE_BACKOFF (5) password checks are allowed; the sixth attempt is refused
    // before its password is checked, and starts a one-minute wait.
    for (let n = 1; n <= 5; n++) {
      await attempt(`wrong-password-${n}`);
      await expect(password).toHaveAccessibleDescription(/do not match an account/);
    }
    await attempt("wrong-password-6");
    await expect(page.getByRole("status")).toContainText("Too many sign-in attempts");
    // The right password no longer helps from here until the wait is over (other places are unaffected).
    await attempt(account.password);
    await expect(page.getByRole("status")).toContainText("Too many sign-in attempts");
    await auth.expectSignedOut();
  });
});

test.describe("roles", () => {
  test("a guest is sent to sign in and brought back", async ({ page }) => {
    const account = newAccount("instructor-bounce");
    await page.goto("/instructor");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Finstructor/);
    await expectAccessible(page);
    // Sign up from there (the link keeps the way back), then land on /instructor.
    await page.getByRole("link", { name: "Create an account" }).click();
    await expect(page).toHaveURL(/\/signup\?callbackUrl=%2Finstructor/);
    await new AuthPages(page).signUp(account, page.url());
    await expect(page).toHaveURL("/instructor");
    // Back where they started: a student, so the instructors-only page.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Instructors only");
  });

  test("a student is refused at /instructor with a 403 page", async ({ studentPage: page }) => {
    const response = await page.goto("/instructor");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Instructors only");
    await expect(page.getByRole("banner").getByRole("link", { name: "Instructor" })).toHaveCount(0);
    await expectAccessible(page);
  });

  test("an instructor from INSTRUCTOR_EMAILS is allowed in", async ({ page, student }) => {
    // The one address playwright.config.ts lists, for this test only: signing up with it makes an
    // instructor (the first time; a retry signs in with the same password).
    await new AuthPages(page).signUpOrIn({ name: "Ines Instructor", email: "instructor@example.test", password: "instructor-pass-123" });
    await page.getByRole("banner").getByRole("link", { name: "Instructor" }).click();
    await expect(page).toHaveURL("/instructor");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Class progress");
    // A new instructor teaches no class yet, so no student is theirs to see (the student made for
    // this test is in no class): the page says how to start one.
    await expect(page.getByText("You teach no class yet")).toBeVisible();
    await expect(page.getByRole("main")).not.toContainText(student.email);
    await expect(page.getByRole("main").getByRole("link", { name: "Classes" }).first()).toHaveAttribute("href", "/instructor/classes");
    await expectAccessible(page);
  });
});
