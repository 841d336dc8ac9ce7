import type { ProgressDoc } from "@/lib/progress/model";

// How well a student knows each concept of a lesson, as Khan Academy shows it: not started,
// attempted, familiar, mastered. Built from evidence: the quiz's per-concept scores, in-lesson
// checks and spaced reviews. Pure: the lesson map uses it in the browser (guests) and the server
// (accounts, with every attempt).

export const MASTERY_LEVELS = ["not-started", "attempted", "familiar", "mastered"] as const;
export type MasteryLevel = (typeof MASTERY_LEVELS)[number];

export const MASTERY_LABELS: Record<MasteryLevel, string> = {
  "not-started": "Not started",
  attempted: "Attempted",
  familiar: "Familiar",
  mastered: "Mastered",
};

/** One answer's worth of evidence about one concept: credit 0 to 1 (the share of its questions right). */
export type Evidence = { concept: string; credit: number; at: string; source: "check" | "quiz" | "review" };

/** Two right answers this far apart (a night's sleep) show it lasted. */
export const SPACING_MS = 20 * 60 * 60 * 1000;
const FULL = 0.999;

/**
 * Not started: no evidence. Attempted: some. Familiar: the latest answer fully right, or the last
 * three average 80% or more. Mastered: the latest answer fully right, and fully right answers at
 * least SPACING_MS apart, at least one of them in the quiz or a spaced review (checks alone are
 * practice, not proof).
 */
export function conceptMastery(evidence: readonly Evidence[]): MasteryLevel {
  if (!evidence.length) return "not-started";
  const sorted = [...evidence].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const latest = sorted.at(-1)!;
  const recent = sorted.slice(-3);
  const average = recent.reduce((n, e) => n + e.credit, 0) / recent.length;
  const full = sorted.filter((e) => e.credit >= FULL);
  if (latest.credit >= FULL && full.length >= 2) {
    const first = Date.parse(full[0]!.at);
    const spaced = full.some((e) => Date.parse(e.at) - first >= SPACING_MS);
    const proven = full.some((e) => e.source !== "check");
    if (spaced && proven) return "mastered";
  }
  if (latest.credit >= FULL || average >= 0.8 - 1e-9) return "familiar";
  return "attempted";
}

export type ConceptMastery = { level: MasteryLevel; answers: number; lastAt: string | null };

export function masteryByConcept(concepts: readonly string[], evidence: readonly Evidence[]): Record<string, ConceptMastery> {
  return Object.fromEntries(
    concepts.map((concept) => {
      const mine = evidence.filter((e) => e.concept === concept);
      const lastAt = mine.reduce<string | null>((a, e) => (!a || Date.parse(e.at) > Date.parse(a) ? e.at : a), null);
      return [concept, { level: conceptMastery(mine), answers: mine.length, lastAt }];
    }),
  );
}

/** What a progress document says (a guest's browser): its best and latest quiz results and its checks. */
export function evidenceFromProgress(doc: ProgressDoc, lesson: string): Evidence[] {
  const out: Evidence[] = [];
  const quiz = doc.quizzes[lesson];
  const results = [quiz?.best, quiz?.latest].filter((r, i, all) => r && all.findIndex((x) => x?.at === r.at) === i);
  for (const result of results)
    for (const [concept, s] of Object.entries(result!.concepts ?? {}))
      if (s.total > 0) out.push({ concept, credit: s.correct / s.total, at: result!.at, source: "quiz" });
  for (const check of Object.values(doc.checks?.[lesson] ?? {}))
    out.push({ concept: check.concept, credit: check.credit, at: check.at, source: "check" });
  return out;
}
