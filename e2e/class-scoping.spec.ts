import { spawnSync } from "node:child_process";
import { expectAccessible } from "./support/a11y";
import { e2eDatabaseEnv } from "./support/cli";
import { expect, test } from "./support/fixtures";
import { shoot } from "./support/screenshots";
import { WriteUpPage } from "./support/write-up-page";

// What an instructor sees is the classes they teach (issue 29). Ina teaches A and C, Otto B. Sa takes
// A; Sab takes A and B and submitted to B; Sb takes B; Sc takes C. Write-ups are made by
// scripts/seed-submissions.ts through the app's own lib (a real run on the Ollama test double).

type Seeded = { id: string; name: string; email: string; password: string; submissionId: string | null; runId: string; imageId: string };

function seed(plan: unknown): Record<string, Seeded> {
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/seed-submissions.ts"], {
    encoding: "utf8",
    input: JSON.stringify(plan),
    timeout: 150_000,
    env: { ...process.env, ...e2eDatabaseEnv(), OLLAMA_HOST: process.env.E2E_OLLAMA_URL },
  });
  expect(result.status, result.stderr).toBe(0);
  const { students } = JSON.parse(result.stdout) as { students: Seeded[] };
  return Object.fromEntries(students.map((s) => [s.name.split(" ")[0]!, s]));
}

test.describe("classes scope the instructor side", () => {
  test.setTimeout(180_000);

  test("the Class picker, 404s for another class's students, submissions and runs, and exports per class", async ({
    accounts,
    browser,
    baseURL,
  }) => {
    const stamp = Date.now().toString(36);
    // One after the other: the database takes one writer at a time (SQLite), and the other test seeds.
    const ina = await accounts.create({ prefix: "ina", role: "INSTRUCTOR" });
    const otto = await accounts.create({ prefix: "otto", role: "INSTRUCTOR" });
    const a = await accounts.createClass([ina], { name: `Class A ${stamp}` });
    const c = await accounts.createClass([ina], { name: `Class C ${stamp}` });
    const b = await accounts.createClass([otto], { name: `Class B ${stamp}` });
    const s = seed({
      classId: a.id,
      students: [{ name: `Sa ${stamp}` }, { name: `Sab ${stamp}`, alsoIn: [b.id], submitTo: b.id }, { name: `Sb ${stamp}`, classId: b.id }],
    });
    const sc = await accounts.create({ prefix: "sc" });
    await accounts.createClass([sc], { classId: c.id });

    const page = await accounts.newPage(ina);
    await page.goto("/instructor");
    const picker = page.getByRole("combobox", { name: "Class", exact: true });
    await expect(picker.getByRole("option")).toHaveText(["All my classes", c.name, a.name]);
    await expect(picker).toHaveValue("all");
    const table = page.getByRole("table");
    for (const name of [s.Sa!.name, s.Sab!.name, sc.name]) await expect(table).toContainText(name);
    await expect(table).not.toContainText(s.Sb!.name);
    await expectAccessible(page);
    await shoot(page, "instructor-class-picker");

    // Class A: Sc leaves; the queue and the exports follow the choice.
    await picker.selectOption({ label: a.name });
    await expect(table).not.toContainText(sc.name);
    await expect(table).toContainText(s.Sab!.name);
    await page.goto("/instructor/submissions?filter=all");
    await expect(page.getByRole("combobox", { name: "Class", exact: true })).toHaveValue(a.id);
    await expect(page.getByRole("link", { name: new RegExp(s.Sa!.name) })).toHaveCount(1);
    await expect(page.getByRole("main")).not.toContainText(s.Sab!.name);
    await page.goto("/instructor/exports");
    await expect(page.getByRole("link", { name: "Download grades (CSV)" })).toHaveAttribute(
      "href",
      `/api/instructor/exports/grades.csv?class=${a.id}`,
    );

    // Another class's student, write-up and run are not there: the same 404 as an id nobody has.
    for (const path of [
      `/instructor/students/${s.Sb!.id}`,
      `/instructor/submissions/${s.Sb!.submissionId}`,
      `/instructor/submissions/${s.Sab!.submissionId}`,
      `/submissions/${s.Sb!.submissionId}`,
      `/instructor/runs/${s.Sb!.runId}`,
    ]) {
      expect((await page.goto(path))?.status(), path).toBe(404);
    }
    // Sab is Ina's student too (class A): their record and runs open, from any class picked.
    for (const path of [`/instructor/students/${s.Sab!.id}`, `/instructor/runs/${s.Sab!.runId}`]) {
      expect((await page.goto(path))?.status(), path).toBe(200);
    }
    for (const path of [
      `/api/lab/runs/${s.Sb!.runId}`,
      `/api/lab/images/${s.Sb!.imageId}`,
      `/api/instructor/exports/grades.csv?class=${b.id}`,
    ]) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(404);
      expect(await response.json()).toMatchObject({ code: "NOT_FOUND" });
    }
    const gradesA = await (await page.request.get(`/api/instructor/exports/grades.csv?class=${a.id}`)).text();
    expect(gradesA).toContain(s.Sa!.email);
    expect(gradesA).toContain(s.Sab!.email);
    expect(gradesA).not.toContain(s.Sb!.email);
    expect(gradesA).not.toContain(sc.email);
    const runsA = await (await page.request.get(`/api/instructor/exports/runs.csv?class=${a.id}`)).text();
    expect(runsA).toContain(s.Sa!.email);
    expect(runsA).not.toContain(s.Sab!.email);

    // Otto teaches B: Sab's write-up is his.
    const ottoPage = await accounts.newPage(otto);
    expect((await ottoPage.goto(`/instructor/submissions/${s.Sab!.submissionId}`))?.status()).toBe(200);

    // Without JavaScript the picker is a form with "Show class" (a browser of its own: all classes at first).
    const plain = await browser.newContext({ javaScriptEnabled: false, baseURL });
    const noScript = await plain.newPage();
    await accounts.signIn(noScript, ina);
    await noScript.goto("/instructor");
    await expect(noScript.getByRole("table")).toContainText(sc.name);
    await noScript.getByRole("combobox", { name: "Class", exact: true }).selectOption({ label: a.name });
    await noScript.getByRole("button", { name: "Show class" }).click();
    await expect(noScript.getByRole("combobox", { name: "Class", exact: true })).toHaveValue(a.id);
    await expect(noScript.getByRole("table")).not.toContainText(sc.name);
  });

  test("a student in two classes picks where the write-up goes; a student in none is told how to join", async ({ accounts, page }) => {
    const stamp = Date.now().toString(36);
    // One after the other: the database takes one writer at a time (SQLite), and the other test seeds.
    const ina = await accounts.create({ prefix: "ina", role: "INSTRUCTOR" });
    const otto = await accounts.create({ prefix: "otto", role: "INSTRUCTOR" });
    const a = await accounts.createClass([ina], { name: `Class A ${stamp}` });
    const b = await accounts.createClass([otto], { name: `Class B ${stamp}` });
    const { Both: both } = seed({ classId: a.id, students: [{ name: `Both ${stamp}`, alsoIn: [b.id], submit: false }] });

    await accounts.signIn(page, both!);
    const writeUp = new WriteUpPage(page);
    await writeUp.open();
    const choice = writeUp.region.getByLabel("Class this write-up is for");
    await expect(choice.getByRole("option")).toHaveCount(3);
    await expect(choice.getByRole("option").first()).toHaveText("Choose a class");
    await expect(choice).toContainText(a.name);
    await expect(choice).toContainText(b.name);
    await writeUp.submit();
    await expect(choice).toBeFocused();
    await expect(choice).toHaveAccessibleDescription("Choose the class this write-up is for.");
    await expectAccessible(page);
    await shoot(page, "write-up-class-choice");
    await choice.selectOption({ label: b.name });
    await writeUp.submit();
    await expect(writeUp.state).toHaveText("Submitted");

    const submissionId = /\/submissions\/(\w+)/.exec(
      (await writeUp.region.getByRole("link", { name: "See it in My submissions" }).getAttribute("href"))!,
    )![1]!;
    // The student's own pages say which class it went to.
    await page.goto(`/submissions/${submissionId}`);
    await expect(page.getByRole("main")).toContainText(`for ${b.name}`);
    await page.goto("/submissions");
    await expect(page.getByRole("main")).toContainText(`for ${b.name}`);
    expect((await (await accounts.newPage(otto)).goto(`/instructor/submissions/${submissionId}`))?.status()).toBe(200);
    expect((await (await accounts.newPage(ina)).goto(`/instructor/submissions/${submissionId}`))?.status()).toBe(404);

    // A student in no class: the write-up is kept, Submit waits for a class.
    const loner = await accounts.create({ prefix: "loner" });
    const lonerPage = await accounts.newPage(loner);
    const lonerWriteUp = new WriteUpPage(lonerPage);
    await lonerWriteUp.open();
    await expect(lonerWriteUp.region.getByTestId("write-up-no-class")).toContainText("You are not in a class yet");
    await expect(lonerWriteUp.region.getByRole("link", { name: "join your class" })).toHaveAttribute("href", "/join");
    await expect(lonerWriteUp.region.getByRole("button", { name: "Submit for review" })).toBeDisabled();
  });
});
