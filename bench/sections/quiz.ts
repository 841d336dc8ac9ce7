import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { describe, percentiles, type Figure } from "../lib/figures";
import { BENCH_PASSWORD, type BenchContext, type Section } from "./context";

// A class taking the quiz at once, through the functions the quiz's server actions call
// (lib/quiz/data/attempts.ts): every student starts an attempt, saves each answer as they pick it
// (one changed on the way), then submits with the whole sheet; every fifth student double-clicks
// submit. Then the database is read back: one submitted attempt each, holding exactly the
// answers the student last gave.

const LESSON = "local-qwen-vl";

async function run(ctx: BenchContext): Promise<Figure[]> {
  const students = ctx.quick ? 20 : 50;
  const { createUser } = await import("../../lib/auth/data/users");
  const { startAttempt, saveAnswer, submitAttempt } = await import("../../lib/quiz/data/attempts");
  const { publicOptionId } = await import("../../lib/quiz/server/public");
  const { userViewer } = await import("../../lib/quiz/server/viewer");
  const { db } = await import("../../lib/db");

  const run = randomUUID().slice(0, 8);
  const SOLO = 3;
  const users: Awaited<ReturnType<typeof createUser>>[] = [];
  for (let i = 0; i < SOLO + students; i++)
    users.push(await createUser({ name: `Quiz ${i}`, email: `bench-quiz-${run}-${i}@example.test`, password: BENCH_PASSWORD }));

  const failures: string[] = [];
  const expected = new Map<string, Record<string, string[]>>(); // attemptId -> public answers
  const attemptsOf = new Map<string, string>(); // userId -> attemptId
  const timed = async <T>(into: number[], work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    into.push(performance.now() - started);
    return result;
  };
  const takeQuiz = async (user: Awaited<ReturnType<typeof createUser>>, i: number, saves: number[], submits: number[]) => {
    try {
      const state = await startAttempt(user.id, LESSON);
      attemptsOf.set(user.id, state.attemptId);
      const answers: Record<string, string[]> = {};
      for (const [j, q] of state.quiz.questions.entries()) {
        const ids = q.options.map((o) => o.id);
        const pick = q.kind === "single" ? [ids[(i + j) % ids.length]!] : ids.slice(0, 2);
        if (j === 0) {
          // A changed mind: the first pick is replaced, so only the second may be kept.
          const first = q.kind === "single" ? [ids[(i + j + 1) % ids.length]!] : ids.slice(1, 2);
          await timed(saves, () => saveAnswer(user.id, { lesson: LESSON, attemptId: state.attemptId, questionId: q.id, optionIds: first }));
        }
        await timed(saves, () => saveAnswer(user.id, { lesson: LESSON, attemptId: state.attemptId, questionId: q.id, optionIds: pick }));
        answers[q.id] = pick;
      }
      expected.set(state.attemptId, answers);
      const submit = () => timed(submits, () => submitAttempt(user.id, { lesson: LESSON, attemptId: state.attemptId, answers }));
      await Promise.all(i % 5 === 0 ? [submit(), submit()] : [submit()]);
    } catch (error) {
      failures.push(`${user.email}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  // A few students alone first: what one save and one submit cost without a queue.
  const soloSaves: number[] = [];
  const soloSubmits: number[] = [];
  for (let i = 0; i < SOLO; i++) await takeQuiz(users[i]!, i + 1, soloSaves, soloSubmits);

  const saves: number[] = [];
  const submits: number[] = [];
  ctx.log(`  ${students} students answer 15 questions and submit at once`);
  const started = performance.now();
  await Promise.all(users.slice(SOLO).map((user, i) => takeQuiz(user, i, saves, submits)));
  const wallMs = performance.now() - started;

  // Read back what was stored.
  let lost = 0;
  let wrong = 0;
  let extra = 0;
  let attemptProblems = 0;
  const ids = users.map((u) => u.id);
  const attempts = await db.quizAttempt.findMany({
    where: { userId: { in: ids }, lessonSlug: LESSON },
    include: { answers: { select: { questionId: true, optionIds: true } } },
  });
  for (const user of users) {
    const own = attempts.filter((a) => a.userId === user.id);
    if (own.length !== 1 || own[0]!.status !== "SUBMITTED" || own[0]!.id !== attemptsOf.get(user.id)) {
      attemptProblems++;
      continue;
    }
    const attempt = own[0]!;
    const want = expected.get(attempt.id) ?? {};
    const viewer = userViewer(user.id);
    const stored = new Map<string, string[]>();
    for (const a of attempt.answers) {
      if (stored.has(a.questionId)) extra++;
      const canonical = JSON.parse(a.optionIds) as string[];
      stored.set(
        a.questionId,
        canonical.map((id) => publicOptionId(viewer, LESSON, a.questionId, id)),
      );
    }
    for (const [questionId, publicIds] of Object.entries(want)) {
      const got = stored.get(questionId);
      if (!got) lost++;
      else if ([...got].sort().join() !== [...publicIds].sort().join()) wrong++;
    }
    for (const questionId of stored.keys()) if (!(questionId in want)) extra++;
  }
  const expectedAnswers = [...expected.values()].reduce((n, a) => n + Object.keys(a).length, 0);
  if (failures.length) ctx.log(`  quiz failures:\n    ${failures.slice(0, 5).join("\n    ")}`);

  const integrityOk = failures.length === 0 && lost === 0 && wrong === 0 && extra === 0 && attemptProblems === 0;
  const base = { database: ctx.database, section: "Quiz burst" };
  return [
    {
      ...base,
      measure: `one student at a time (${SOLO} students, no contention)`,
      result: `save ${describe(soloSaves, ["p50", "p95"])}; submit ${describe(soloSubmits, ["p50", "max"])}`,
      target: "none (what the burst queues behind)",
      met: null,
    },
    {
      ...base,
      measure: `save answer (${students} students at once, ${saves.length} saves)`,
      result: describe(saves, ["p50", "p95", "max"]),
      target: "p95 < 50 ms",
      met: percentiles(saves).p95 < 50,
    },
    {
      ...base,
      measure: `submit (${submits.length}, every 5th a double submit)`,
      result: describe(submits, ["p50", "p95", "max"]),
      target: "p95 < 50 ms",
      met: percentiles(submits).p95 < 50,
    },
    {
      ...base,
      measure: "answers stored, read back",
      result:
        `${expectedAnswers} expected: ${lost} lost, ${wrong} wrong, ${extra} extra; ` +
        `${attempts.length} attempts for ${users.length} students, ${attemptProblems} not exactly one submitted; ` +
        `${failures.length} errors; ${(wallMs / 1000).toFixed(1)} s wall`,
      target: "none lost or duplicated, one submitted attempt each",
      met: integrityOk,
    },
  ];
}

export const quizSection: Section = { name: "quiz", title: "Quiz burst", usesDatabase: true, run };
