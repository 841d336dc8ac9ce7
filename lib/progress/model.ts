// The reader's progress, the same shape in the browser (guests, localStorage) and from the
// server (signed in). Pure and dependency-free: it ships to the browser, so the zod schema that
// guards the server's edge lives in lib/progress/schema.ts.

import { needsAccount, type PathStep } from "@/lib/content/path";
import { betterResult, newerResult, type QuizProgress } from "@/lib/quiz/result";

export type ProgressDoc = {
  v: 1;
  /** lesson -> section step (its anchor) -> when it was marked done (ISO instant) */
  steps: Record<string, Record<string, string>>;
  /** lesson -> last visit */
  visits: Record<string, string>;
  /** lesson -> best and latest quiz result */
  quizzes: QuizProgress;
  /** lesson -> in-lesson check id -> its latest graded answer */
  checks?: Record<string, Record<string, CheckResult>>;
};

/** An in-lesson check as graded on the server: credit 0 to 1 (partial for multiple select). */
export type CheckResult = {
  concept: string;
  credit: number;
  at: string;
  /** the server's signature over the result, so a guest's checks can join an account */
  sig?: string;
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
    ...(a.checks || b.checks
      ? {
          checks: mergeRecords(a.checks ?? {}, b.checks ?? {}, (x, y) =>
            mergeRecords(x, y, (p, q) => (Date.parse(q.at) > Date.parse(p.at) ? q : p)),
          ),
        }
      : {}),
  };
}

export function isEmptyProgress(doc: ProgressDoc): boolean {
  return (
    !Object.keys(doc.steps).length &&
    !Object.keys(doc.visits).length &&
    !Object.keys(doc.quizzes).length &&
    !Object.keys(doc.checks ?? {}).length
  );
}

/**
 * What the server knows about a lesson's lab that the document does not hold: whether the reader
 * has a finished run and a submitted write-up. Accounts only; a guest has neither.
 */
export type ActivityProgress = { lab: boolean; writeUp: boolean };

type StepRef = Pick<PathStep, "kind" | "id">;

/** Sections are done when marked; activities when the work exists (a graded quiz, a finished run, a submitted write-up). */
export function isStepDone(doc: ProgressDoc, lesson: string, step: StepRef, activity?: ActivityProgress | null): boolean {
  switch (step.kind) {
    case "section":
      return Boolean(doc.steps[lesson]?.[step.id]);
    case "quiz":
      return Boolean(doc.quizzes[lesson]?.latest ?? doc.quizzes[lesson]?.best);
    case "lab":
      return activity?.lab ?? false;
    case "write-up":
      return activity?.writeUp ?? false;
  }
}

export function stepsDone(doc: ProgressDoc, lesson: string, steps: readonly StepRef[], activity?: ActivityProgress | null): number {
  return steps.filter((s) => isStepDone(doc, lesson, s, activity)).length;
}

export type ContinueContext = {
  isSignedIn: boolean;
  /** lesson -> its lab activity (signed-in readers, lessons with a lab) */
  activities?: Readonly<Record<string, ActivityProgress>>;
};

export type ContinueTarget = {
  slug: string;
  /** id of the next unfinished step; null when every step of the lesson is done */
  step: string | null;
  /** the step needs an account and the reader is a guest */
  needsAccount: boolean;
  /** set when the last visited lesson is finished and this is the next lesson with something left to do */
  after?: string;
};

type ContinueLesson = { slug: string; steps: readonly StepRef[] };

function nextOpenStep(doc: ProgressDoc, lesson: ContinueLesson, context: ContinueContext): { step: StepRef; needsAccount: boolean } | null {
  const open = lesson.steps.filter((s) => !isStepDone(doc, lesson.slug, s, context.activities?.[lesson.slug]));
  if (!open.length) return null;
  if (context.isSignedIn) return { step: open[0]!, needsAccount: false };
  // A guest cannot do the lab or the write-up: go past them to what a guest can do, and to them
  // (with a sign-in) only when nothing else is left.
  const doable = open.find((s) => !needsAccount(s));
  return doable ? { step: doable, needsAccount: false } : { step: open[0]!, needsAccount: true };
}

/**
 * Where to continue: the next unfinished step (sections, then the lab, the write-up and the quiz,
 * in path order) of the most recently visited lesson; when that lesson is finished, the next
 * lesson in catalogue order that is not.
 */
export function continueTarget(
  doc: ProgressDoc,
  lessons: readonly ContinueLesson[],
  context: ContinueContext = { isSignedIn: false },
): ContinueTarget | null {
  const visited = lessons
    .filter((l) => doc.visits[l.slug])
    .sort((x, y) => Date.parse(doc.visits[y.slug]!) - Date.parse(doc.visits[x.slug]!));
  const lesson = visited[0];
  if (!lesson) return null;
  const next = nextOpenStep(doc, lesson, context);
  if (next) return { slug: lesson.slug, step: next.step.id, needsAccount: next.needsAccount };
  const index = lessons.indexOf(lesson);
  for (const other of [...lessons.slice(index + 1), ...lessons.slice(0, index)]) {
    const open = nextOpenStep(doc, other, context);
    if (open) return { slug: other.slug, step: open.step.id, needsAccount: open.needsAccount, after: lesson.slug };
  }
  return { slug: lesson.slug, step: null, needsAccount: false };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isInstant = (v: unknown): v is string => typeof v === "string" && !Number.isNaN(Date.parse(v));
const isResult = (v: unknown) =>
  v === undefined || (isRecord(v) && typeof v.score === "number" && typeof v.total === "number" && v.total > 0 && isInstant(v.at));

/** A light structural check for the browser's copy (the server re-checks with zod). */
export function isProgressDoc(value: unknown): value is ProgressDoc {
  if (!isRecord(value) || value.v !== 1) return false;
  const { steps, visits, quizzes, checks } = value;
  return (
    isRecord(steps) &&
    Object.values(steps).every((s) => isRecord(s) && Object.values(s).every(isInstant)) &&
    isRecord(visits) &&
    Object.values(visits).every(isInstant) &&
    isRecord(quizzes) &&
    Object.values(quizzes).every((q) => isRecord(q) && isResult(q.best) && isResult(q.latest)) &&
    (checks === undefined ||
      (isRecord(checks) &&
        Object.values(checks).every(
          (l) =>
            isRecord(l) &&
            Object.values(l).every((c) => isRecord(c) && typeof c.concept === "string" && typeof c.credit === "number" && isInstant(c.at)),
        )))
  );
}
