// The reader's progress, the same shape in the browser (guests, localStorage) and from the
// server (signed in). Pure and dependency-free: it ships to the browser, so the zod schema that
// guards the server's edge lives in lib/progress/schema.ts.

import { betterResult, newerResult, type QuizProgress } from "@/lib/quiz/result";

export type ProgressDoc = {
  v: 1;
  /** lesson -> step anchor -> when it was marked done (ISO instant) */
  steps: Record<string, Record<string, string>>;
  /** lesson -> last visit */
  visits: Record<string, string>;
  /** lesson -> best and latest quiz result */
  quizzes: QuizProgress;
};

export function emptyProgress(): ProgressDoc {
  return { v: 1, steps: {}, visits: {}, quizzes: {} };
}

const earlier = (a: string, b: string) => (Date.parse(a) <= Date.parse(b) ? a : b);
const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);

function mergeRecords<T>(a: Record<string, T>, b: Record<string, T>, pick: (x: T, y: T) => T): Record<string, T> {
  const out: Record<string, T> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const existing = out[key];
    out[key] = existing === undefined ? value : pick(existing, value);
  }
  return out;
}

/**
 * Item by item: a step done anywhere stays done (with the first time it was done), the latest
 * visit wins, a quiz keeps its best and its latest result. Commutative, associative, idempotent:
 * nothing is ever lost, and nothing newer is overwritten by something older.
 */
export function mergeProgress(a: ProgressDoc, b: ProgressDoc): ProgressDoc {
  return {
    v: 1,
    steps: mergeRecords(a.steps, b.steps, (x, y) => mergeRecords(x, y, earlier)),
    visits: mergeRecords(a.visits, b.visits, later),
    quizzes: mergeRecords(a.quizzes, b.quizzes, (x, y) => {
      const best = betterResult(x.best, y.best);
      const latest = newerResult(x.latest, y.latest);
      return { ...(best ? { best } : {}), ...(latest ? { latest } : {}) };
    }),
  };
}

export function isEmptyProgress(doc: ProgressDoc): boolean {
  return !Object.keys(doc.steps).length && !Object.keys(doc.visits).length && !Object.keys(doc.quizzes).length;
}

export function stepsDone(doc: ProgressDoc, lesson: string, anchors: readonly string[]): number {
  const done = doc.steps[lesson] ?? {};
  return anchors.filter((a) => done[a]).length;
}

/** The lesson to continue: the most recently visited one (with the first step not yet done). */
export function continueTarget(
  doc: ProgressDoc,
  lessons: readonly { slug: string; steps: readonly { anchor: string }[] }[],
): { slug: string; anchor?: string } | null {
  const visited = lessons
    .filter((l) => doc.visits[l.slug])
    .sort((x, y) => Date.parse(doc.visits[y.slug]!) - Date.parse(doc.visits[x.slug]!));
  const lesson = visited[0];
  if (!lesson) return null;
  const next = lesson.steps.find((s) => !doc.steps[lesson.slug]?.[s.anchor]);
  return { slug: lesson.slug, anchor: next?.anchor };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isInstant = (v: unknown): v is string => typeof v === "string" && !Number.isNaN(Date.parse(v));
const isResult = (v: unknown) =>
  v === undefined || (isRecord(v) && typeof v.score === "number" && typeof v.total === "number" && v.total > 0 && isInstant(v.at));

/** A light structural check for the browser's copy (the server re-checks with zod). */
export function isProgressDoc(value: unknown): value is ProgressDoc {
  if (!isRecord(value) || value.v !== 1) return false;
  const { steps, visits, quizzes } = value;
  return (
    isRecord(steps) &&
    Object.values(steps).every((s) => isRecord(s) && Object.values(s).every(isInstant)) &&
    isRecord(visits) &&
    Object.values(visits).every(isInstant) &&
    isRecord(quizzes) &&
    Object.values(quizzes).every((q) => isRecord(q) && isResult(q.best) && isResult(q.latest))
  );
}
