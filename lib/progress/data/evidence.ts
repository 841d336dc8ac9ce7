import "server-only";
import { db } from "@/lib/db";
import { getLesson } from "@/lib/content/server/lessons";
import { readJsonColumn } from "@/lib/json-column";
import { masteryByConcept, type ConceptMastery, type Evidence } from "@/lib/progress/mastery";
import { conceptScoresSchema } from "@/lib/quiz/schema";

// Everything an account has answered about a lesson's concepts: every submitted quiz attempt and
// spaced review (per-concept scores), and every in-lesson check answer.

export async function lessonEvidence(userId: string, lesson: string): Promise<Evidence[]> {
  const [attempts, checks] = await Promise.all([
    db.quizAttempt.findMany({
      where: { userId, lessonSlug: lesson, status: "SUBMITTED" },
      select: { id: true, kind: true, concepts: true, submittedAt: true },
    }),
    db.checkAnswer.findMany({ where: { userId, lessonSlug: lesson }, select: { concept: true, credit: true, createdAt: true } }),
  ]);
  return evidenceFrom(attempts, checks);
}

/** Evidence from one lesson's submitted attempts (quizzes and reviews) and check answers. */
export function evidenceFrom(
  attempts: readonly { id: string; kind: string; concepts: string | null; submittedAt: Date | null }[],
  checks: readonly { concept: string; credit: number; createdAt: Date }[],
): Evidence[] {
  const out: Evidence[] = [];
  for (const a of attempts) {
    if (!a.submittedAt) continue;
    const scores = readJsonColumn(conceptScoresSchema, a.concepts, `attempt ${a.id} concepts`) ?? {};
    for (const [concept, s] of Object.entries(scores))
      if (s.total > 0)
        out.push({
          concept,
          credit: s.correct / s.total,
          at: a.submittedAt.toISOString(),
          source: a.kind === "REVIEW" ? "review" : "quiz",
        });
  }
  for (const c of checks) out.push({ concept: c.concept, credit: c.credit, at: c.createdAt.toISOString(), source: "check" });
  return out;
}

/** Mastery of each of the lesson's key terms, for an account. */
export async function lessonMastery(userId: string, lesson: string): Promise<Record<string, ConceptMastery>> {
  return getLesson(lesson) ? masteryFromEvidence(lesson, await lessonEvidence(userId, lesson)) : {};
}

/** Mastery of each of the lesson's key terms from its evidence. */
export function masteryFromEvidence(lesson: string, evidence: Evidence[]): Record<string, ConceptMastery> {
  const file = getLesson(lesson);
  if (!file) return {};
  return masteryByConcept(
    file.concepts.map((c) => c.term),
    evidence,
  );
}
