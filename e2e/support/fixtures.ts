import { test as base, type BrowserContext, type Page } from "@playwright/test";
import { AccountMaker, signInByRequest, type Account, type Classroom, type Role } from "./accounts";
import { TestClock } from "./clock";

export { expect } from "@playwright/test";
export type { Account, Classroom, Role } from "./accounts";

// Tests that own their users and their time. Import `test` and `expect` from here instead of
// @playwright/test, then ask for what the test needs:
//
//   student, instructor        a fresh account of its own, made in the e2e database (not signed in)
//   studentPage                the test's `page`, signed in as `student`
//   instructorPage             a page in a browser context of its own, signed in as `instructor`
//   accounts                   more of them: accounts.create({ prefix, role }), accounts.signIn(page,
//                              account), accounts.newPage(account) (a signed-in context of its own)
//   clock                      the app's clock for the test's own accounts: clock.set(student, DAY)
//   classroom                  a class taught by `instructor` and taken by `student` (an instructor
//                              sees only their classes' students); accounts.createClass(members,
//                              { name, classId }) for more
//
// Nobody shares an account, so no two tests running at once see each other's runs, attempts or
// reviews; sign-up through the form stays in the tests that are about sign-up (auth, attacks,
// security).
//
// (A fixture hands its value over with `provide`, Playwright's `use`, named so that the React hooks
// lint rule does not take it for React's use().)

type Accounts = {
  /** A fresh account in the database (signed in nowhere). */
  create(options?: { prefix?: string; role?: Role }): Promise<Account>;
  /** Signs the browser context of `page` in as `account`. */
  signIn(page: Page, account: Pick<Account, "email" | "password">): Promise<void>;
  /** A page in a new browser context signed in as `account` (closed after the test). */
  newPage(account: Pick<Account, "email" | "password">): Promise<Page>;
  /** A class with these members (instructors teach it, students take it), or more members for `classId`. */
  createClass(members: Pick<Account, "id" | "role">[], options?: { name?: string; classId?: string }): Promise<Classroom>;
};

type TestFixtures = {
  closeOwnContexts: void;
  accounts: Accounts;
  student: Account;
  instructor: Account;
  studentPage: Page;
  instructorPage: Page;
  clock: TestClock;
  classroom: Classroom;
};

type WorkerFixtures = { accountMaker: AccountMaker };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  // Browser contexts a test opens itself (browser.newContext()) are closed when it ends: Playwright
  // closes only its own, and a page left open keeps polling the server and drawing for the rest of
  // the worker's tests.
  closeOwnContexts: [
    async ({ browser }, provide) => {
      const before = new Set(browser.contexts());
      await provide();
      await Promise.all(
        browser
          .contexts()
          .filter((context) => !before.has(context))
          .map((context) => context.close()),
      );
    },
    { auto: true },
  ],

  accountMaker: [
    async ({}, provide) => {
      const maker = new AccountMaker();
      await provide(maker);
      await maker.stop();
    },
    { scope: "worker" },
  ],

  accounts: async ({ accountMaker, browser, baseURL }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide({
      create: (options) => accountMaker.create(options),
      createClass: (members, options) => accountMaker.createClass(members, options),
      signIn: (page, account) => signInByRequest(page.context().request, account, baseURL!),
      async newPage(account) {
        const context = await browser.newContext();
        contexts.push(context);
        await signInByRequest(context.request, account, baseURL!);
        return context.newPage();
      },
    });
    for (const context of contexts) await context.close();
  },

  student: async ({ accounts }, provide) => {
    await provide(await accounts.create({ prefix: "student" }));
  },

  instructor: async ({ accounts }, provide) => {
    await provide(await accounts.create({ prefix: "instructor", role: "INSTRUCTOR" }));
  },

  studentPage: async ({ page, student, accounts }, provide) => {
    await accounts.signIn(page, student);
    await provide(page);
  },

  instructorPage: async ({ instructor, accounts }, provide) => {
    await provide(await accounts.newPage(instructor));
  },

  classroom: async ({ accounts, instructor, student }, provide) => {
    await provide(await accounts.createClass([instructor, student], { name: `Class of ${instructor.name}` }));
  },

  clock: async ({}, provide) => {
    const clock = new TestClock();
    await provide(clock);
    clock.reset();
  },
});
