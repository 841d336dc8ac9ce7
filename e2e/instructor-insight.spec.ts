import { spawnSync } from "node:child_process";
import type { Page } from "@playwright/test";
import { expectAccessible } from "./support/a11y";
import { e2eDatabaseEnv } from "./support/cli";
import { expect, test } from "./support/fixtures";
import { shoot } from "./support/screenshots";

// What the class found and the exports, as an instructor sees and downloads them. The write-ups
// are made by scripts/seed-submissions.ts through the app's own lib (a real run against the
// Ollama test double, a saved draft, a submission, a decided review): the honest way that takes
// seconds, where driving the lab for three students would take minutes.

const EVIL = '=HYPERLINK("http://evil","x")';
const FEEDBACK = 'Clear, careful work.\nQuote "memory" next time.';
const URLS = {
  grades: "/api/instructor/exports/grades.csv",
  runsCsv: "/api/instructor/exports/runs.csv",
  runsJson: "/api/instructor/exports/runs.json",
};

type Seeded = { name: string; email: string; submissionId: string; runId: string; state: string };

/** Write-ups of new students in `classId` (the teacher's class: an instructor sees only their classes). */
function seedWriteUps(classId: string, students: unknown[]): Seeded[] {
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/seed-submissions.ts"], {
    encoding: "utf8",
    input: JSON.stringify({ classId, students }),
    timeout: 150_000,
    env: { ...process.env, ...e2eDatabaseEnv(), OLLAMA_HOST: process.env.E2E_OLLAMA_URL },
  });
  expect(result.status, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { students: Seeded[] }).students;
}

/** RFC 4180 as a spreadsheet reads it: quoted fields, doubled quotes, CRLF between records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      record.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      records.push([...record, field]);
      record = [];
      field = "";
      i++;
    } else field += char;
  }
  return records;
}

/** The records as objects keyed by the header. */
function csvObjects(text: string): { header: string[]; rows: Record<string, string>[] } {
  const [header, ...records] = parseCsv(text);
  return { header: header!, rows: records.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))) };
}

async function expectNoSidewaysScroll(page: Page) {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  if (viewport) await page.setViewportSize(viewport);
}

test.describe("instructor insight", () => {
  test.setTimeout(180_000);

  test("the class's evidence and the exports, for instructors only", async ({
    browser,
    instructorPage: teacher,
    instructor,
    studentPage: student,
    classroom,
  }) => {
    // Every one is decided, so none waits in the review queue another spec walks oldest first.
    const [evil, graded, other] = seedWriteUps(classroom.id, [
      {
        name: EVIL,
        recommendation: "narrow",
        narrowJob: "Reading visible labels",
        review: { decision: "RETURNED", level: "first", feedback: "Quote the memory figures." },
      },
      { name: "Zoë Ångström", recommendation: "use", review: { decision: "COMPLETED", level: "last", feedback: FEEDBACK } },
      {
        name: "Cy Pair",
        textModel: "qwen3:4b-instruct",
        visionModel: "qwen3-vl:4b-instruct",
        sampleId: "receipt",
        recommendation: "do-not-use",
        review: { decision: "COMPLETED", level: "last", feedback: "Well argued." },
      },
    ]);
    expect([evil!.state, graded!.state, other!.state]).toEqual(["RETURNED", "COMPLETED", "COMPLETED"]);

    // What the class found: charts with a text alternative, tables with every pair.
    await teacher.goto("/instructor/evidence");
    await expect(teacher.getByRole("heading", { level: 1, name: "What the class found" })).toBeVisible();
    await expect(
      teacher.getByRole("navigation", { name: "Instructor" }).getByRole("link", { name: "What the class found" }),
    ).toHaveAttribute("aria-current", "page");
    const speedChart = teacher.getByRole("img", { name: "Vision model tokens per second, per model pair" });
    await expect(speedChart).toBeVisible();
    await expect(speedChart).toHaveAccessibleDescription(/llama3\.2:3b \+ qwen2\.5vl:3b: \d+ write-ups?, median [\d.,]+ tokens\/s/);
    await expect(speedChart.locator("circle")).not.toHaveCount(0);
    // The axis ticks sit at even steps and each label names its own value (not "0, 3, 5, 8, 10").
    const ticks = await speedChart
      .locator("text[data-tick]")
      .evaluateAll((els) => els.map((el) => ({ value: Number(el.getAttribute("data-tick")), label: el.textContent ?? "" })));
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    const step = ticks[1]!.value - ticks[0]!.value;
    for (const [i, tick] of ticks.entries()) {
      expect(tick.value).toBeCloseTo(ticks[0]!.value + i * step, 9);
      expect(Number(tick.label.replace(/,/g, ""))).toBeCloseTo(tick.value, 9);
    }
    await expect(teacher.getByRole("img", { name: "Vision model time to first token, per model pair" })).toBeVisible();
    const scatter = teacher.getByRole("img", { name: /^Recommendations against the vision model/ });
    await expect(scatter).toHaveAccessibleDescription(/Use it only for a narrow job \(triangle\): \d+ write-ups?/);
    await expect(teacher.getByRole("list", { name: "Legend" })).toContainText("Do not use it (cross)");
    const speed = teacher.getByRole("table", { name: /^Speed and memory per model pair/ });
    await expect(speed.getByRole("rowheader", { name: /^llama3\.2:3b \+ qwen2\.5vl:3b/ })).toBeVisible();
    await expect(speed.getByRole("rowheader", { name: /^qwen3:4b-instruct \+ qwen3-vl:4b-instruct/ })).toBeVisible();
    await expect(speed).toContainText("quartiles");
    const accuracy = teacher.getByRole("table", { name: /^Visible-text word recall/ });
    await expect(accuracy.getByRole("row").filter({ hasText: "qwen3-vl:4b-instruct" })).toContainText("%");
    const writeUps = teacher.getByRole("table", { name: /^Each write-up/ });
    await expect(writeUps.getByRole("row").filter({ hasText: EVIL })).toContainText("Reading visible labels");
    await expect(writeUps.getByRole("row").filter({ hasText: other!.name })).toContainText("Do not use it");
    await expectAccessible(teacher);
    await expectNoSidewaysScroll(teacher);
    await shoot(teacher, "instructor-evidence");

    // The exports page, and a download from its link.
    await teacher.getByRole("navigation", { name: "Instructor" }).getByRole("link", { name: "Exports" }).click();
    await expect(teacher.getByRole("heading", { level: 1, name: "Exports" })).toBeVisible();
    await expectAccessible(teacher);
    await expectNoSidewaysScroll(teacher);
    await shoot(teacher, "instructor-exports");
    const [download] = await Promise.all([
      teacher.waitForEvent("download"),
      teacher.getByRole("link", { name: "Download grades (CSV)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^lesson-lab-grades-\d{4}-\d{2}-\d{2}\.csv$/);

    // Grades: a UTF-8 BOM, the header, one row per student, the formula defused.
    const grades = await teacher.request.get(URLS.grades);
    expect(grades.status()).toBe(200);
    expect(grades.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(grades.headers()["content-disposition"]).toMatch(/^attachment; filename="lesson-lab-grades-\d{4}-\d{2}-\d{2}\.csv"$/);
    const gradesBytes = await grades.body();
    expect([...gradesBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const gradesText = gradesBytes.subarray(3).toString("utf8");
    expect(gradesText).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    const gradeBook = csvObjects(gradesText);
    expect(gradeBook.header.slice(0, 6)).toEqual([
      "Name",
      "Email",
      "Quiz first score",
      "Quiz first out of",
      "Quiz best score",
      "Quiz best out of",
    ]);
    expect(gradeBook.header).toContain("Rubric: Evidence recorded");
    expect(gradeBook.header.slice(-5)).toEqual(["Grade", "Max grade", "Feedback", "Submission state", "Graded version"]);
    const gradeOf = (email: string) => gradeBook.rows.find((r) => r.Email === email);
    expect(gradeOf(evil!.email)).toMatchObject({
      Name: `'${EVIL}`,
      "Rubric: Evidence recorded": "Missing",
      Grade: "0",
      "Submission state": "Returned for revision",
    });
    expect(gradeOf(graded!.email)).toMatchObject({
      Name: "Zoë Ångström",
      "Rubric: Evidence recorded": "Reproducible",
      Grade: "18",
      "Max grade": "18",
      Feedback: FEEDBACK,
      "Submission state": "Completed",
      "Graded version": "1",
    });
    expect(gradeOf(instructor.email)).toBeUndefined();

    // Runs as CSV: one row per cell of the submitted evidence.
    const runsCsv = await teacher.request.get(URLS.runsCsv);
    expect(runsCsv.status()).toBe(200);
    expect(runsCsv.headers()["content-disposition"]).toMatch(/^attachment; filename="lesson-lab-runs-\d{4}-\d{2}-\d{2}\.csv"$/);
    const runs = csvObjects((await runsCsv.body()).subarray(3).toString("utf8"));
    expect(runs.header).toEqual(
      expect.arrayContaining(["Student", "Run", "Version", "Column", "Tokens/s", "% on GPU", "Digest", "Options (JSON)"]),
    );
    const evilRuns = runs.rows.filter((r) => r.Email === evil!.email);
    expect(evilRuns.map((r) => `${r.Column}:${r["Prompt kind"]}`).sort()).toEqual(
      ["OCR:ocr", "TEXT:easy", "TEXT:failure", "TEXT:task", "VISION:easy", "VISION:failure", "VISION:task"].sort(),
    );
    const visionTask = evilRuns.find((r) => r.Column === "VISION" && r["Prompt kind"] === "task")!;
    expect(visionTask).toMatchObject({ Student: `'${EVIL}`, Run: evil!.runId, Version: "1", Model: "qwen2.5vl:3b", Status: "DONE" });
    expect(Number(visionTask["Tokens/s"])).toBeGreaterThan(0);
    expect(visionTask.Digest).not.toBe("");
    expect(JSON.parse(visionTask["Options (JSON)"]!)).toMatchObject({ temperature: 0 });

    // Runs as JSON: the same rows, parsed as one array.
    const runsJson = await teacher.request.get(URLS.runsJson);
    expect(runsJson.status()).toBe(200);
    expect(runsJson.headers()["content-type"]).toBe("application/json; charset=utf-8");
    const rows = JSON.parse(await runsJson.text()) as { email: string; student: string; runId: string; column: string; options: unknown }[];
    expect(Array.isArray(rows)).toBe(true);
    const evilJson = rows.filter((r) => r.email === evil!.email);
    expect(evilJson).toHaveLength(7);
    expect(evilJson[0]).toMatchObject({ student: EVIL, runId: evil!.runId });
    expect(evilJson.find((r) => r.column === "VISION")?.options).toMatchObject({ temperature: 0 });

    // Students get 403 on the pages and the files; guests get 401 on the files.
    for (const path of ["/instructor/evidence", "/instructor/exports"]) {
      expect((await student.goto(path))?.status()).toBe(403);
    }
    const guest = (await browser.newContext()).request;
    for (const url of Object.values(URLS)) {
      const refused = await student.request.get(url);
      expect(refused.status()).toBe(403);
      expect(await refused.json()).toMatchObject({ code: "FORBIDDEN" });
      const anonymous = await guest.get(url);
      expect(anonymous.status()).toBe(401);
      expect(await anonymous.json()).toMatchObject({ code: "UNAUTHENTICATED" });
    }
  });
});
