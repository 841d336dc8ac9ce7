import { expectAccessible } from "./support/a11y";
import { newAccount } from "./support/auth-pages";
import { expect, test } from "./support/fixtures";
import { shoot } from "./support/screenshots";

// Classes: an instructor creates one and hands out its join code or join link; students join with
// either; a new code retires the old one; a co-teacher is added by email and sees the class's
// students. (What each instructor sees of another class: e2e/class-scoping.spec.ts.)

test("an instructor creates a class; students join with the link and with the code typed; a new code retires the old", async ({
  instructorPage: teacher,
  instructor,
  accounts,
  browser,
}) => {
  await teacher.goto("/instructor");
  await teacher.getByRole("navigation", { name: "Instructor" }).getByRole("link", { name: "Classes" }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: "Classes" })).toBeVisible();
  // An empty name is refused in words, next to the field.
  await teacher.getByRole("button", { name: "Create class" }).click();
  await expect(teacher.getByLabel("Class name")).toHaveAccessibleDescription(/Give the class a name\./);
  const name = `Vision models ${Date.now()}`;
  await teacher.getByLabel("Class name").fill(name);
  await teacher.getByRole("button", { name: "Create class" }).click();
  const card = teacher.getByTestId("class").filter({ has: teacher.getByRole("heading", { name }) });
  await expect(card).toContainText(`0 students · taught by ${instructor.name}`);
  await expect(teacher.getByLabel("Class name"), "a created class's name leaves the field").toHaveValue("");
  const codeField = card.getByLabel("Join code");
  await expect(codeField).toHaveValue(/^[346789A-Y]{4}-[346789A-Y]{4}$/);
  const code = await codeField.inputValue();
  const link = await card.getByLabel("Join link").inputValue();
  expect(link).toMatch(new RegExp(`^http://[^/]+/join\\?code=${code}$`));
  await expectAccessible(teacher);

  // Ada follows the link signed out: sign in first, then the code is there to join with.
  const [ada, ben, cy] = await Promise.all([
    accounts.create({ prefix: "class-ada" }),
    accounts.create({ prefix: "class-ben" }),
    accounts.create({ prefix: "class-cy" }),
  ]);
  // A student with no account yet follows the link: sign in sends them on to sign up, and the
  // new account lands back on the join page with the code filled in.
  const guest = await browser.newContext();
  const guestPage = await guest.newPage();
  await guestPage.goto(link);
  await expect(guestPage).toHaveURL(/\/signin\?callbackUrl=%2Fjoin%3Fcode%3D/);
  await guestPage.getByRole("link", { name: "Create an account" }).click();
  const newcomer = newAccount("class-new");
  await guestPage.getByLabel("Name").fill(newcomer.name);
  await guestPage.getByLabel("Email").fill(newcomer.email);
  await guestPage.getByLabel("Password").fill(newcomer.password);
  await guestPage.getByRole("button", { name: "Create account" }).click();
  await expect(guestPage).toHaveURL(/\/join\?code=/);
  await expect(guestPage.getByLabel("Class code")).toHaveValue(code);
  await guestPage.getByRole("button", { name: "Join class" }).click();
  await expect(guestPage.getByRole("status")).toContainText(`You joined “${name}”`);
  await guest.close();
  const adaPage = await accounts.newPage(ada);
  await adaPage.goto(link);
  await expect(adaPage.getByLabel("Class code")).toHaveValue(code);
  await adaPage.getByRole("button", { name: "Join class" }).click();
  await expect(adaPage.getByRole("status")).toContainText(`You joined “${name}”`);
  await expectAccessible(adaPage);
  await adaPage.getByRole("button", { name: "Join class" }).click();
  await expect(adaPage.getByRole("status")).toContainText(`You are already in “${name}”`);

  // Ben types it as people do: lower case, without the dash.
  const benPage = await accounts.newPage(ben);
  await benPage.goto("/join");
  await benPage.getByLabel("Class code").fill(code.replace("-", " ").toLowerCase());
  await benPage.getByRole("button", { name: "Join class" }).click();
  await expect(benPage.getByRole("status")).toContainText(`You joined “${name}”`);
  await benPage.goto("/account");
  await expect(benPage.getByRole("region", { name: "Your classes" })).toContainText(name);

  await teacher.reload();
  await expect(card).toContainText(`3 students · taught by ${instructor.name}`);
  await card.getByRole("button", { name: `New code for ${name}` }).click();
  await expect(codeField).not.toHaveValue(code);
  const cyPage = await accounts.newPage(cy);
  await cyPage.goto(link);
  await cyPage.getByRole("button", { name: "Join class" }).click();
  await expect(cyPage.getByLabel("Class code")).toHaveAccessibleDescription(/does not open a class/);
  await expect(cyPage.getByLabel("Class code"), "a refused code stays to be corrected").toHaveValue(code);
  await card.getByRole("button", { name: `Revoke code for ${name}` }).click();
  await expect(card).toContainText("No join code works now");
  await expect(card.getByLabel("Join code")).toHaveCount(0);

  // A co-teacher: only an instructor account's email is taken; then they see the class's students.
  const co = await accounts.create({ prefix: "co-teacher", role: "INSTRUCTOR" });
  await card.getByLabel("Instructor's email").fill(ben.email);
  await card.getByRole("button", { name: `Add instructor to ${name}` }).click();
  await expect(card.getByLabel("Instructor's email")).toHaveAccessibleDescription(/No instructor account has this email address/);
  await expect(card.getByLabel("Instructor's email")).toHaveValue(ben.email);
  await card.getByLabel("Instructor's email").fill(co.email);
  await card.getByRole("button", { name: `Add instructor to ${name}` }).click();
  await expect(card.getByRole("status")).toContainText(`${co.name} teaches this class now.`);
  await expect(card).toContainText(`taught by ${instructor.name}, ${co.name}`);
  await expectAccessible(teacher);
  await shoot(teacher, "instructor-classes");
  const coPage = await accounts.newPage(co);
  await coPage.goto("/instructor");
  await expect(coPage.getByRole("combobox", { name: "Class", exact: true })).toContainText(name);
  for (const student of [ada, ben]) await expect(coPage.getByRole("table")).toContainText(student.email);
  await expect(coPage.getByRole("table")).not.toContainText(cy.email);
});

test("a student cannot open the Classes page or manage a class", async ({ studentPage: page }) => {
  const response = await page.goto("/instructor/classes");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("button", { name: "Create class" })).toHaveCount(0);
});
