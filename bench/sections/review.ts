import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { describe, ms, percentiles, type Figure } from "../lib/figures";
import { signIn } from "../lib/signin";
import { BENCH_PASSWORD, INSTRUCTOR_EMAIL, type BenchContext, type Section } from "./context";
import type { SessionUser } from "../../lib/auth/server/session";
import type { WriteUp } from "../../lib/submissions/schemas";

// A class of 500 with submitted write-ups, then the instructor's review queue page and the
// grades CSV export over HTTP, signed in as an instructor.
//
// Seeding: one real run through the app's runner (against the Ollama test double), copied row for
// row to every other student (a real run each would take minutes); then every student's write-up
// saved and submitted through lib/submissions (the evidence frozen from their own run), a fifth of
// them reviewed through lib/submissions/review, and a quiz attempt each through lib/quiz.

const LESSON = "local-qwen-vl";
const TEXT_MODEL = "llama3.2:3b";
const VISION_MODEL = "qwen2.5vl:3b";

/** As scripts/seed-submissions.ts writes one: complete, so it can be submitted. */
function writeUpFor(runId: string): WriteUp {
  const keys = (["TEXT", "VISION"] as const).flatMap((column) => (["easy", "task", "failure"] as const).map((kind) => `${column}:${kind}`));
  return {
    runId,
    ratings: Object.fromEntries(
      keys.map((key) => [
        key,
        { rating: key.startsWith("VISION") ? 4 : 2, note: "", ...(key.startsWith("VISION") ? { guessedHiddenState: false } : {}) },
      ]),
    ),
    cannotKnow: "Which toggles are on\nThe values typed into the fields",
    failure: { text: "It listed a dropdown option that is not on the screen.", cell: "VISION:failure" },
    recommendation: {
      choice: "narrow",
      narrowJob: "Reading visible labels on settings screens",
      paragraph:
        `Across the three prompts ${VISION_MODEL} read the labels and the state of each control, while ${TEXT_MODEL} could only ` +
        "guess from the prompt and invented plausible settings that are not on the screen. The vision model took longer to load and " +
        "used more memory, so on this machine it fits one job at a time. The measured tokens per second and the first token time are " +
        "in the evidence table, and the failure case shows where it still guesses hidden state.",
    },
  };
}

async function inPool<T>(items: readonly T[], size: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i]!, i);
      }
    }),
  );
}

async function seed(ctx: BenchContext, students: number): Promise<{ instructor: SessionUser; seconds: number; reviewed: number }> {
  const { createUser } = await import("../../lib/auth/data/users");
  const { db } = await import("../../lib/db");
  const { storeLabImage } = await import("../../lib/lab/data/image-store");
  const { startLabRun } = await import("../../lib/lab/data/runs");
  const { waitForIdleRuns } = await import("../../lib/lab/jobs/data/worker");
  const { defaultPrompts } = await import("../../lib/lab/prompts");
  const { getVisionPromptTemplate } = await import("../../lib/content/server/lessons");
  const { getOwnEvidence } = await import("../../lib/submissions/data/evidence");
  const { saveWriteUpDraft, submitWriteUp } = await import("../../lib/submissions/data/store");
  const { claimSubmission, decideReview } = await import("../../lib/submissions/data/review");
  const { getRubric } = await import("../../lib/submissions/server/rubric");
  const { createClass } = await import("../../lib/classes/data/classes");
  const { instructorScope } = await import("../../lib/classes/data/scope");
  const { startAttempt, submitAttempt } = await import("../../lib/quiz/data/attempts");
  const started = performance.now();

  const instructor = await createUser({ name: "Bench Instructor", email: INSTRUCTOR_EMAIL, password: BENCH_PASSWORD });
  if (instructor.role !== "INSTRUCTOR") throw new Error(`${INSTRUCTOR_EMAIL} is not in INSTRUCTOR_EMAILS`);
  // One class: the instructor teaches it, every student is in it (what they see is scoped to it).
  const { id: classId } = await createClass(instructor, "Bench class");
  const scope = await instructorScope(instructor);

  // One real run, the template for everyone's.
  const tag = randomUUID().slice(0, 8);
  const first = await createUser({ name: "Review Student 0", email: `bench-review-${tag}-0000@example.test`, password: BENCH_PASSWORD });
  await db.classMember.create({ data: { classId, userId: first.id, role: "STUDENT" } });
  const image = await storeLabImage(first, { sampleId: "settings-screen" });
  const { runId } = await startLabRun(first, {
    imageId: image.id,
    textModel: TEXT_MODEL,
    visionModel: VISION_MODEL,
    prompts: defaultPrompts(getVisionPromptTemplate()),
    measureCold: false,
  });
  await waitForIdleRuns(120_000);
  if (!(await getOwnEvidence(first, runId))) throw new Error("The template run did not finish with every cell answered");

  const userRow = await db.user.findUniqueOrThrow({ where: { id: first.id } });
  const imageRow = await db.labImage.findUniqueOrThrow({ where: { id: image.id } });
  const runRow = await db.labRun.findUniqueOrThrow({ where: { id: runId } });
  const cellRows = await db.labCell.findMany({ where: { runId } });

  const people: { user: SessionUser; runId: string }[] = [{ user: first, runId }];
  for (let from = 1; from < students; from += 100) {
    const batch = Array.from({ length: Math.min(100, students - from) }, (_, k) => {
      const n = String(from + k).padStart(4, "0");
      return {
        userId: randomUUID(),
        imageId: randomUUID(),
        runId: randomUUID(),
        name: `Review Student ${n}`,
        email: `bench-review-${tag}-${n}@example.test`,
      };
    });
    await db.user.createMany({
      data: batch.map((b) => ({ ...userRow, id: b.userId, name: b.name, email: b.email, createdAt: new Date(), updatedAt: new Date() })),
    });
    await db.labImage.createMany({ data: batch.map((b) => ({ ...imageRow, id: b.imageId, ownerId: b.userId })) });
    await db.labRun.createMany({ data: batch.map((b) => ({ ...runRow, id: b.runId, userId: b.userId, imageId: b.imageId })) });
    await db.classMember.createMany({ data: batch.map((b) => ({ classId, userId: b.userId, role: "STUDENT" })) });
    await db.labCell.createMany({ data: batch.flatMap((b) => cellRows.map((c) => ({ ...c, id: randomUUID(), runId: b.runId }))) });
    for (const b of batch) people.push({ user: { id: b.userId, name: b.name, email: b.email, role: "STUDENT" }, runId: b.runId });
  }
  ctx.log(`  ${students} students with a finished run; saving, submitting and reviewing write-ups, taking the quiz…`);

  const rubric = getRubric();
  const levels = Object.fromEntries(rubric.criteria.map((c) => [c.id, c.levels.at(-1)!.id]));
  let reviewed = 0;
  await inPool(people, 8, async ({ user, runId: ownRun }, i) => {
    const { revision } = await saveWriteUpDraft(user, { revision: 0, draft: writeUpFor(ownRun) });
    const { submissionId } = await submitWriteUp(user, { revision });
    if (i % 5 === 0) {
      await claimSubmission(scope, submissionId);
      await decideReview(scope, submissionId, "COMPLETED", { levels, feedback: "Clear evidence, well argued.", grade: null });
      reviewed++;
    }
    const attempt = await startAttempt(user.id, LESSON);
    const answers = Object.fromEntries(attempt.quiz.questions.map((q, j) => [q.id, [q.options[(i + j) % q.options.length]!.id]]));
    await submitAttempt(user.id, { lesson: LESSON, attemptId: attempt.attemptId, answers });
  });
  return { instructor, seconds: (performance.now() - started) / 1000, reviewed };
}

async function run(ctx: BenchContext): Promise<Figure[]> {
  const students = ctx.quick ? 100 : 500;
  const { db } = await import("../../lib/db");
  ctx.log(`  seeding ${students} students…`);
  const seeded = await seed(ctx, students);
  const base = { database: ctx.database, section: `Review & exports (${students} students)` };
  ctx.report({
    ...base,
    measure: `seeding (${seeded.reviewed} reviewed, a quiz attempt each)`,
    result: `${seeded.seconds.toFixed(1)} s`,
    target: "none (set-up)",
    met: null,
  });
  const session = await signIn(ctx.baseURL, INSTRUCTOR_EMAIL, BENCH_PASSWORD);
  if (!session.ok) throw new Error(`Signing the instructor in failed (HTTP ${session.status})`);
  const headers = { cookie: session.cookie };

  // The review queue page, one request after another.
  const queueURL = `${ctx.baseURL}/instructor/submissions`;
  const waiting = students - seeded.reviewed;
  let pageBytes = 0;
  // Imported here, not at the top: lib/ modules read the environment the bench sets up first.
  const { QUEUE_PAGE_SIZE } = await import("../../lib/submissions/data/review");
  const fetchQueue = async () => {
    const started = performance.now();
    const response = await fetch(queueURL, { headers, redirect: "manual" });
    const html = await response.text();
    const elapsed = performance.now() - started;
    pageBytes = Buffer.byteLength(html);
    const rows = html.match(/href="\/instructor\/submissions\/[^"?]+"/g)?.length ?? 0;
    // The queue pages 50 at a time: the first page, and the total said under it.
    const expected = Math.min(waiting, QUEUE_PAGE_SIZE);
    if (response.status !== 200 || rows !== expected || (waiting > QUEUE_PAGE_SIZE && !html.includes(`of ${waiting}`)))
      throw new Error(`The review queue answered ${response.status} with ${rows} rows (expected 200 and ${expected} of ${waiting})`);
    return elapsed;
  };
  for (let i = 0; i < 3; i++) await fetchQueue();
  const requests = ctx.quick ? 10 : 40;
  ctx.log(`  review queue page: ${requests} requests, one at a time`);
  const queue: number[] = [];
  for (let i = 0; i < requests; i++) queue.push(await fetchQueue());
  ctx.report({
    ...base,
    measure: `review queue page, instructor (${waiting} waiting, ${Math.min(waiting, QUEUE_PAGE_SIZE)} a page, ${(pageBytes / 1024).toFixed(0)} KiB)`,
    result: describe(queue, ["p50", "p95", "max"]),
    target: "p95 < 100 ms",
    met: percentiles(queue).p95 < 100,
  });

  // The grades export, read to the end.
  const exportURL = `${ctx.baseURL}/api/instructor/exports/grades.csv`;
  const studentsInDb = await db.user.count({ where: { role: "STUDENT" } });
  const exportRuns = ctx.quick ? 2 : 5;
  ctx.log(`  grades CSV: ${exportRuns} downloads`);
  const totals: number[] = [];
  const firstBytes: number[] = [];
  let bytes = 0;
  let lines = 0;
  for (let i = 0; i < exportRuns; i++) {
    const started = performance.now();
    const response = await fetch(exportURL, { headers, redirect: "manual" });
    if (response.status !== 200 || !response.body) throw new Error(`The grades export answered ${response.status}`);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let text = "";
    let first = true;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (first) {
        firstBytes.push(performance.now() - started);
        first = false;
      }
      text += decoder.decode(value, { stream: true });
    }
    totals.push(performance.now() - started);
    bytes = Buffer.byteLength(text);
    lines = text.split("\n").filter((l) => l.trim()).length;
  }
  const complete = lines === studentsInDb + 1;

  return [
    {
      ...base,
      measure: `grades CSV export (${lines - 1} rows, ${(bytes / 1024).toFixed(0)} KiB)`,
      result: `complete in ${describe(totals, ["p50", "max"])}; first byte p50 ${ms(percentiles(firstBytes).p50)}${complete ? "" : `; ${lines - 1} rows for ${studentsInDb} students`}`,
      target: "complete, every download < 2 s",
      met: complete && percentiles(totals).max < 2000,
    },
  ];
}

export const reviewSection: Section = { name: "review", title: "Review & exports", usesDatabase: true, run };
