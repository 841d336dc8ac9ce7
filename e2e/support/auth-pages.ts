import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";

/** What the sign-up form takes. */
export type Account = { name: string; email: string; password: string };

/** A unique name, email and password for a new account; nothing is created yet. */
export function newAccount(prefix = "student", domain = "example.test"): Account {
  const id = randomUUID().slice(0, 8);
  return { name: `${prefix[0]!.toUpperCase()}${prefix.slice(1)} ${id}`, email: `${prefix}-${id}@${domain}`, password: `pass-${id}-phrase` };
}

/** Page object for /signup and /signin. */
export class AuthPages {
  constructor(private readonly page: Page) {}

  async signUp(account: Account, path = "/signup") {
    await this.page.goto(path);
    await this.page.getByLabel("Name").fill(account.name);
    await this.page.getByLabel("Email").fill(account.email);
    await this.page.getByLabel("Password").fill(account.password);
    await this.page.getByRole("button", { name: "Create account" }).click();
  }

  async signIn(account: Pick<Account, "email" | "password">, path = "/signin") {
    await this.page.goto(path);
    await this.page.getByLabel("Email").fill(account.email);
    await this.page.getByLabel("Password").fill(account.password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  /**
   * An account that may exist already (the address in INSTRUCTOR_EMAILS, when a test is retried):
   * sign-up creates it the first time and signs in with the same password after (it never says which).
   */
  async signUpOrIn(account: Account) {
    await this.signUp(account);
    await this.expectSignedInAs(account.name);
  }

  async signOut() {
    const from = new URL(this.page.url()).pathname;
    // The header turns to a guest's at once (the reader store), before the server has ended the
    // session and the page has landed on the catalogue: waiting for both (the cookie goes with the
    // server's answer) keeps a next `goto`, or another browser's request, from overtaking the sign-out.
    await this.page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
    await expect.poll(async () => (await this.page.context().cookies()).some((c) => c.name.includes("authjs.session-token"))).toBe(false);
    if (from !== "/") await expect(this.page).toHaveURL("/");
    await this.expectSignedOut();
  }

  async expectSignedInAs(name: string) {
    await expect(this.page.getByRole("banner")).toContainText(`Signed in as ${name}`);
  }

  async expectSignedOut() {
    await expect(this.page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  }
}
