import "./load-env";
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { createUser } from "@/lib/auth/data/users";
import { db } from "@/lib/db";
import { attemptQuiz } from "@/lib/quiz/attempt-quiz";
import { startAttempt, submitAttempt } from "@/lib/quiz/data/attempts";
import { requireQuiz } from "@/lib/quiz/server/attempt-access";
import { publicOptionId } from "@/lib/quiz/server/public";
import type { QuizQuestion } from "@/lib/quiz/schema";
import { userViewer } from "@/lib/quiz/server/viewer";

// Seeds a class's quiz attempts through the app's own data layer (accounts, attempts, answers and
// grading exactly as students make them), for the item-analysis e2e test and for trying the page:
//
//   node --conditions=react-server --import tsx scripts/seed-quiz-attempts.ts [--students 24] [--retakes 6] [--lesson local-qwen-vl] [--class <id>]
//
// Student i of n has ability i: question 1 is right for everyone (too easy), question 14 only for
// the weaker students (negative discrimination), the rest get harder along the quiz. The first
// `retakes` students retake it and get everything right. Prints a JSON summary.

const { values } = parseArgs({
  options: {
    students: { type: "string", default: "24" },
    retakes: { type: "string", default: "6" },
    lesson: { type: "string", default: "local-qwen-vl" },
    class: { type: "string" },
  },
});
const students = Number(values.students);
const retakes = Math.min(students, Number(values.retakes));
const lesson = values.lesson;

/** Share of the class (the weakest first) that gets each question wrong. */
const HARDNESS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.35, 0.25, 0.45, 0.55, 0.6, 0.15, 0.8, -1, 0.3];

function isRight(student: number, question: number): boolean {
  const hardness = HARDNESS[question % HARDNESS.length]!;
  if (hardness < 0) return student < students * 0.4;
  // A little noise, so not every item is a perfect step.
  const noise = question > 0 && (student * 7 + question * 3) % 11 === 0;
  return student >= Math.round(students * hardness) !== noise;
}

/** Canonical ids: the right set, or a plausible wrong one. */
function answerFor(q: QuizQuestion, student: number, right: boolean): string[] {
  const correct = q.options.filter((o) => o.correct).map((o) => o.id);
  if (right) return correct;
  const wrong = q.options.filter((o) => !o.correct).map((o) => o.id);
  const distractor = wrong[student % wrong.length]!;
  if (q.kind === "single") return [distractor];
  return student % 2 || correct.length === 1 ? [...correct, distractor] : correct.slice(0, -1);
}

async function takeQuiz(userId: string, pick: (q: QuizQuestion, index: number) => string[] | null) {
  const viewer = userViewer(userId);
  const { attemptId } = await startAttempt(userId, lesson);
  // The questions this attempt shows (its variants), with their key.
  const quiz = attemptQuiz(requireQuiz(lesson), await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } }));
  const answers: Record<string, string[]> = {};
  quiz.questions.forEach((q, index) => {
    const chosen = pick(q, index);
    if (chosen?.length) answers[q.id] = chosen.map((id) => publicOptionId(viewer, lesson, q.id, id));
  });
  return submitAttempt(userId, { lesson, attemptId, answers });
}

async function main() {
  const run = randomUUID().slice(0, 8);
  const scores: number[] = [];
  for (let i = 0; i < students; i++) {
    const user = await createUser({
      name: `Seeded Student ${i + 1}`,
      email: `seed-${run}-${i + 1}@example.test`,
      password: `seed-${run}-password`,
    });
    // In the class given (its instructors see their attempts); else in none.
    if (values.class) await db.classMember.create({ data: { classId: values.class, userId: user.id, role: "STUDENT" } });
    // The weakest student leaves the last question blank.
    const first = await takeQuiz(user.id, (q, j) => (i === 0 && j === HARDNESS.length - 1 ? null : answerFor(q, i, isRight(i, j))));
    scores.push(first.grade.score);
    if (i < retakes) await takeQuiz(user.id, (q) => answerFor(q, i, true));
  }
  console.log(JSON.stringify({ lesson, run, students, firstAttempts: students, allAttempts: students + retakes, scores }));
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
