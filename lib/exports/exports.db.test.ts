import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/data/users";
import { db } from "@/lib/db";
import { newClass, scopeOf } from "@/test/classes";
import { exportGradesCsv } from "@/lib/exports/data/grades";
import { exportRunsCsv, exportRunsJson, RUN_COLUMNS, type RunExportRow } from "@/lib/exports/data/runs";
import { getRubric } from "@/lib/submissions/server/rubric";
import { emptyWriteUp, evidenceSchema } from "@/lib/submissions/schemas";

// The exports against a real database, read in pages of two so every page boundary is crossed.

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  return text;
}

/** Good enough for what the exports write: every field quoted, CRLF between records. */
function parseCsv(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, "")
    .split(/\r\n(?=")|\r\n$/)
    .filter(Boolean)
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replaceAll('""', '"')));
}

const evidence = (runId: string) =>
  evidenceSchema.parse({
    runId,
    imageId: "img",
    sampleId: "settings-screen",
    textModel: "llama3.2:3b",
    visionModel: "qwen2.5vl:3b",
    measureCold: false,
    prompts: { easy: "e", task: "t", failure: "f" },
    createdAt: "2026-01-01T00:00:00.000Z",
    cells: [
      {
        key: "VISION:task",
        column: "VISION",
        promptKind: "task",
        model: "qwen2.5vl:3b",
        status: "DONE",
        output: "…",
        structured: null,
        metrics: {
          isCold: true,
          startState: "cold",
          loadMs: 900,
          timeToFirstTokenMs: 1200,
          promptTokens: 1100,
          prefillMs: 300,
          evalTokens: 180,
          tokensPerSecond: 41.5,
          totalMs: 6000,
          wallMs: 6100,
          doneReason: "stop",
          expectedImageTokens: 1018,
          measuredImageTokens: 1018,
          resident: { name: "qwen2.5vl:3b", sizeBytes: 3_200_000_000, vramBytes: 0, percentOnGpu: 0, expiresAt: null, contextLength: 8192 },
        },
        ocrMetrics: null,
        stamp: {
          model: "qwen2.5vl:3b",
          digest: "sha256:abc",
          quantization: "Q4_K_M",
          ollamaVersion: "0.32.15",
          host: "http://127.0.0.1:11434",
          engine: "llama-server",
          options: { temperature: 0, seed: 42 },
        },
        accuracy: { wordRecall: 0.8, wordPrecision: 0.9, charErrorRate: 0.2, truthWords: 40, answerWords: 38 },
      },
      {
        key: "OCR:ocr",
        column: "OCR",
        promptKind: "ocr",
        model: null,
        status: "DONE",
        output: "text",
        structured: null,
        metrics: null,
        ocrMetrics: { ocrMs: 800, confidence: 88, words: 40 },
        stamp: null,
        accuracy: null,
      },
    ],
  });

async function seedClass() {
  const id = randomUUID().slice(0, 8);
  const graded = await createUser({
    name: '=HYPERLINK("http://evil","x")',
    email: `exp-a-${id}@example.test`,
    password: "correct horse battery",
  });
  const waiting = await createUser({ name: "Zoë Ångström", email: `exp-b-${id}@example.test`, password: "correct horse battery" });
  const idle = await createUser({ name: "Idle Student", email: `exp-c-${id}@example.test`, password: "correct horse battery" });
  const teacher = await createUser({ name: "Teacher", email: `exp-t-${id}@example.test`, password: "correct horse battery" });
  await db.user.update({ where: { id: teacher.id }, data: { role: "INSTRUCTOR" } });
  const classId = await newClass([{ ...teacher, role: "INSTRUCTOR" }, graded, waiting, idle]);
  for (const [score, at] of [
    [9, "2026-01-01"],
    [14, "2026-01-02"],
  ] as const) {
    await db.quizAttempt.create({
      data: { userId: graded.id, lessonSlug: "local-qwen-vl", seed: "s", status: "SUBMITTED", score, total: 15, submittedAt: new Date(at) },
    });
  }
  const rubric = getRubric();
  const levels = Object.fromEntries(rubric.criteria.map((c) => [c.id, c.levels.at(-1)!.id]));
  // Returned at version 1, resubmitted as version 2 and not decided yet.
  const s1 = await db.labSubmission.create({
    data: { userId: graded.id, lessonSlug: "local-qwen-vl", state: "SUBMITTED", draft: "{}", currentVersion: 2, classId },
  });
  for (const number of [1, 2]) {
    const version = await db.submissionVersion.create({
      data: {
        submissionId: s1.id,
        number,
        runId: `run-a${number}-${id}`,
        imageId: "img",
        writeUp: JSON.stringify(emptyWriteUp()),
        evidence: JSON.stringify(evidence(`run-a${number}-${id}`)),
      },
    });
    await db.submissionReview.create({
      data:
        number === 1
          ? {
              versionId: version.id,
              levels: JSON.stringify(levels),
              grade: 17,
              feedback: 'Clear, careful work.\nQuote "memory" next time.',
              decision: "RETURNED",
              decidedAt: new Date(),
            }
          : { versionId: version.id, levels: "{}", feedback: "draft, not decided" },
    });
  }
  await db.labSubmission.create({ data: { userId: waiting.id, lessonSlug: "local-qwen-vl", state: "DRAFT", draft: "{}" } });
  return { id, graded, waiting, idle, teacher: { ...teacher, role: "INSTRUCTOR" as const }, student: graded, rubric };
}

describe("exports", () => {
  it("grades: one row per student, rubric level titles, the latest decided review, formulas defused", async () => {
    const { graded, waiting, idle, teacher, student, rubric } = await seedClass();
    const text = await collect(exportGradesCsv(await scopeOf(teacher), { pageSize: 2 }));
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      "Name",
      "Email",
      "Quiz first score",
      "Quiz first out of",
      "Quiz best score",
      "Quiz best out of",
      ...rubric.criteria.map((c) => `Rubric: ${c.title}`),
      "Grade",
      "Max grade",
      "Feedback",
      "Submission state",
      "Graded version",
    ]);
    // Every student once, across pages; instructors are not students.
    const emails = rows.map((r) => r[1]);
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails).not.toContain(teacher.email);
    const row = (email: string) => Object.fromEntries(header!.map((h, i) => [h, rows.find((r) => r[1] === email)![i]]));
    expect(row(graded.email)).toMatchObject({
      Name: `'=HYPERLINK("http://evil","x")`,
      "Quiz first score": "9",
      "Quiz best score": "14",
      "Quiz best out of": "15",
      "Rubric: Evidence recorded": "Reproducible",
      Grade: "17",
      "Max grade": "18",
      Feedback: 'Clear, careful work.\nQuote "memory" next time.',
      "Submission state": "Submitted",
      "Graded version": "1",
    });
    expect(row(waiting.email)).toMatchObject({
      Name: "Zoë Ångström",
      Grade: "",
      "Submission state": "Draft",
      "Rubric: Evidence recorded": "",
    });
    expect(row(idle.email)).toMatchObject({ "Quiz first score": "", "Submission state": "Not started" });
    await expect(scopeOf(student)).rejects.toThrow(/instructors only/);
  });

  it("runs: one row per cell of every submitted version, as CSV and as a JSON array", async () => {
    const { id, graded, teacher, student } = await seedClass();
    const csv = parseCsv(await collect(exportRunsCsv(await scopeOf(teacher), { pageSize: 2 })));
    expect(csv[0]).toEqual(RUN_COLUMNS.map(([, label]) => label));
    const mine = csv.slice(1).filter((r) => r[1] === graded.email);
    expect(mine.map((r) => [r[3], r[5], r[7]])).toEqual([
      ["1", `run-a1-${id}`, "VISION"],
      ["1", `run-a1-${id}`, "OCR"],
      ["2", `run-a2-${id}`, "VISION"],
      ["2", `run-a2-${id}`, "OCR"],
    ]);
    const vision = Object.fromEntries(csv[0]!.map((h, i) => [h, mine[0]![i]]));
    expect(vision).toMatchObject({
      Student: `'=HYPERLINK("http://evil","x")`,
      "Tokens/s": "41.5",
      "Image tokens measured": "1018",
      "Start state": "cold",
      "% on GPU": "0",
      "Word recall": "0.8",
      Quantisation: "Q4_K_M",
      "Options (JSON)": '{"temperature":0,"seed":42}',
    });
    expect(Object.fromEntries(csv[0]!.map((h, i) => [h, mine[1]![i]]))).toMatchObject({ "OCR (ms)": "800", "Tokens/s": "" });

    const json = JSON.parse(await collect(exportRunsJson(await scopeOf(teacher), { pageSize: 2 }))) as RunExportRow[];
    const rows = json.filter((r) => r.email === graded.email);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({
      student: '=HYPERLINK("http://evil","x")',
      tokensPerSecond: 41.5,
      options: { temperature: 0, seed: 42 },
    });
    await expect(scopeOf(student)).rejects.toThrow(/instructors only/);
  });
});
