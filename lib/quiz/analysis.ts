import { gradeAnswers, type AnswerSheet } from "@/lib/quiz/grading";
import { instantiateSlot } from "@/lib/quiz/instance";
import type { Quiz, QuizTemplate } from "@/lib/quiz/schema";
import {
  cronbachAlpha,
  discriminationIndex,
  extremeGroupWeights,
  groupSizeFor,
  restCorrelation,
  weightedShare,
} from "@/lib/quiz/analysis-stats";
import { flagItem, type ItemFlag, type OptionStats } from "@/lib/quiz/analysis-flags";
import { mean, median, standardDeviation } from "@/lib/stats";

export {
  correlation,
  cronbachAlpha,
  discriminationIndex,
  extremeGroupWeights,
  GROUP_SHARE,
  groupSizeFor,
  RELIABILITY_LINES,
  reliabilityReading,
  restCorrelation,
  type ReliabilityReading,
} from "@/lib/quiz/analysis-stats";
export { FLAG_RULES, flagItem, formatIndex, type ItemFlag, type ItemFlagKind, type OptionStats } from "@/lib/quiz/analysis-flags";

// Classical item analysis of one quiz, on plain data, following Moodle's quiz statistics: each
// response is scored with the credit the student was given (gradeAnswers, partial credit on
// multiple select) as a fraction of the item's maximum, and every version of a slot (its first
// variant, each alternative, a generator's drawn numbers, older versions still in attempts) is an
// item of its own, grouped under its slot.

/**
 * Below this many responses a version's figures carry a caution, get no flags and stay off the
 * chart (and below this many attempts the quiz gets no summary): the 27% groups then hold 2
 * attempts or fewer, and one student moves every figure.
 */
export const MIN_ATTEMPTS = 10;

export const ATTEMPT_SCOPES = ["first", "all"] as const;
/** `first`: each student's first attempt, and each student's first answer to every version; `all`: every submitted attempt. */
export type AttemptScope = (typeof ATTEMPT_SCOPES)[number];

/** One submitted attempt: who took it, the questions it showed (with their key) and its answers. */
export type AnalysedAttempt = { student: string; quiz: Quiz; answers: AnswerSheet };

export type VersionKind = "first" | "alternative" | "drawn" | "older";

/** One version of a slot as the quiz file (or, for an older one, an attempt) writes it. */
export type QuestionVersion = {
  slotId: string;
  /** the slot's place in the quiz, from 1 */
  number: number;
  versionId: string;
  versionKind: VersionKind;
  /** "First version", "Alternative 1", "Drawn numbers", "Older version" */
  label: string;
  /** the version each student's first attempt asks (the chart's point for the slot) */
  isPrimary: boolean;
  kind: "single" | "multiple";
  prompt: string;
  options: { id: string; text: string; isRight: boolean }[];
};

export type SlotVersions = { slotId: string; number: number; versions: QuestionVersion[] };

export type ItemStats = Omit<QuestionVersion, "options"> & {
  /** responses behind every figure of this row */
  attempts: number;
  /** at or above the minimum: figures without a caution, flags and a place on the chart */
  isEnough: boolean;
  /** responses with at least one option chosen */
  answered: number;
  /** responses with full credit */
  right: number;
  /** mean credit as a fraction of the item's maximum (Moodle's facility index); a blank scores 0 */
  facility: number | null;
  /** mean credit in the upper 27% minus in the lower 27% */
  discrimination: number | null;
  /** attempts in each of the upper and lower groups */
  groupSize: number;
  /** credit against the rest of the test (Moodle's discrimination index); null when either does not vary */
  restCorrelation: number | null;
  options: OptionStats[];
  flags: ItemFlag[];
};

export type SlotStats = { slotId: string; number: number; versions: ItemStats[] };

export type ScoreSummary = { mean: number; median: number; standardDeviation: number; alpha: number | null; outOf: number };

export type QuizAnalysis = {
  scope: AttemptScope;
  /** attempts behind the summary: each student's first, or every one */
  attempts: number;
  students: number;
  minimum: number;
  isEnough: boolean;
  summary: ScoreSummary | null;
  slots: SlotStats[];
  /** each slot's primary version, in slot order: one point per question on the chart */
  items: ItemStats[];
};

/** "Item statistics need at least 10 attempts to mean anything; 4 so far." */
export function belowMinimumMessage(attempts: number, minimum = MIN_ATTEMPTS): string {
  return `Item statistics need at least ${minimum} attempts to mean anything; ${attempts} so far.`;
}

/** "Q3" for a slot's primary version, "Q3 (alternative 1)" for another. */
export function versionName(item: Pick<QuestionVersion, "number" | "isPrimary" | "label">): string {
  return item.isPrimary ? `Q${item.number}` : `Q${item.number} (${item.label.toLowerCase()})`;
}

const optionsOf = (options: readonly { id: string; text: string; correct: boolean }[]) =>
  options.map((o) => ({ id: o.id, text: o.text, isRight: o.correct }));

/** Every version the quiz file defines, slot by slot; a generated slot is one version (its drawn numbers). */
export function versionCatalogue(template: QuizTemplate): SlotVersions[] {
  return template.questions.map((slot, j) => {
    const base = { slotId: slot.id, number: j + 1 };
    if (slot.generator) {
      // The version id a generated slot's attempts carry; the file's worked example stands for the draws.
      const { variantId } = instantiateSlot(slot, { seed: "catalogue", rotation: 0 });
      const drawn = { ...base, versionId: variantId ?? slot.id, versionKind: "drawn" as const, label: "Drawn numbers" };
      return { ...base, versions: [{ ...drawn, isPrimary: true, kind: slot.kind, prompt: slot.prompt, options: optionsOf(slot.options) }] };
    }
    const first: QuestionVersion = {
      ...base,
      versionId: slot.id,
      versionKind: "first",
      label: "First version",
      isPrimary: true,
      kind: slot.kind,
      prompt: slot.prompt,
      options: optionsOf(slot.options),
    };
    const alternatives = slot.alternatives.map((alt, i): QuestionVersion => ({
      ...base,
      versionId: alt.id,
      versionKind: "alternative",
      label: `Alternative ${i + 1}`,
      isPrimary: false,
      kind: alt.kind ?? slot.kind,
      prompt: alt.prompt,
      options: optionsOf(alt.options),
    }));
    return { ...base, versions: [first, ...alternatives] };
  });
}

type Response = { credit: number; isCorrect: boolean; total: number; chosen: ReadonlySet<string> };
type Graded = {
  student: string;
  total: number;
  credits: Map<string, number>;
  responses: { slotId: string; versionId: string; question: Quiz["questions"][number]; response: Response }[];
};

function grade(attempt: AnalysedAttempt): Graded {
  const { questions } = gradeAnswers(attempt.quiz, attempt.answers);
  // The unrounded sum: the student's score is this rounded to two decimals.
  const total = questions.reduce((sum, q) => sum + q.credit, 0);
  return {
    student: attempt.student,
    total,
    credits: new Map(questions.map((q) => [q.questionId, q.credit])),
    responses: attempt.quiz.questions.map((question, i) => {
      const graded = questions[i]!;
      return {
        slotId: question.id,
        versionId: question.variantId ?? question.id,
        question,
        response: { credit: graded.credit, isCorrect: graded.isCorrect, total, chosen: new Set(graded.chosen) },
      };
    }),
  };
}

/** One student's first attempt each (the list is in submission order), or every attempt. */
function summaryAttempts(graded: readonly Graded[], scope: AttemptScope): Graded[] {
  if (scope === "all") return [...graded];
  const seen = new Set<string>();
  return graded.filter((g) => !seen.has(g.student) && seen.add(g.student));
}

/** Each version's responses: in `first`, each student's first answer to it. Versions not in the file are added as older ones. */
function collectResponses(slots: readonly SlotVersions[], graded: readonly Graded[], scope: AttemptScope) {
  const catalogue = slots.map((s) => ({ ...s, versions: [...s.versions] }));
  const byVersion = new Map<string, Response[]>();
  const seen = new Set<string>();
  for (const g of graded)
    for (const { slotId, versionId, question, response } of g.responses) {
      const slot = catalogue.find((s) => s.slotId === slotId);
      if (!slot) continue;
      const key = `${slotId}\n${versionId}`;
      if (scope === "first" && seen.has(`${g.student}\n${key}`)) continue;
      seen.add(`${g.student}\n${key}`);
      if (!slot.versions.some((v) => v.versionId === versionId))
        slot.versions.push({
          slotId,
          number: slot.number,
          versionId,
          versionKind: "older",
          label: "Older version",
          isPrimary: false,
          kind: question.kind,
          prompt: question.prompt,
          options: optionsOf(question.options),
        });
      const list = byVersion.get(key);
      if (list) list.push(response);
      else byVersion.set(key, [response]);
    }
  return { catalogue, responsesOf: (v: QuestionVersion) => byVersion.get(`${v.slotId}\n${v.versionId}`) ?? [] };
}

/** One version's figures from its responses (each a credit, the attempt's total and the options chosen). */
function versionStats(version: QuestionVersion, responses: readonly Response[], minimum = MIN_ATTEMPTS): ItemStats {
  const n = responses.length;
  const credits = responses.map((r) => r.credit);
  const totals = responses.map((r) => r.total);
  const groups = extremeGroupWeights(totals);
  const options = version.options.map((o): OptionStats => {
    const picked = responses.map((r) => (r.chosen.has(o.id) ? 1 : 0));
    const count = picked.reduce<number>((a, b) => a + b, 0);
    return {
      ...o,
      count,
      share: n ? count / n : null,
      upperShare: n ? weightedShare(picked, groups.upper) : null,
      lowerShare: n ? weightedShare(picked, groups.lower) : null,
    };
  });
  const stats = {
    ...version,
    attempts: n,
    isEnough: n >= minimum,
    answered: responses.filter((r) => r.chosen.size > 0).length,
    right: responses.filter((r) => r.isCorrect).length,
    facility: n ? mean(credits) : null,
    // With one response the upper and lower groups are the same attempt: no difference to show.
    discrimination: n >= 2 ? discriminationIndex(credits, totals) : null,
    groupSize: groupSizeFor(n),
    restCorrelation: restCorrelation(credits, totals),
    options,
  };
  return { ...stats, flags: stats.isEnough ? flagItem(stats) : [] };
}

/**
 * Item analysis of a quiz's submitted attempts (in submission order). `first` (what Moodle's
 * statistics are meant for): the summary uses each student's first attempt and each version each student's first
 * answer to it; `all`: every attempt, retakes included.
 */
export function analyseQuiz(
  slots: readonly SlotVersions[],
  attempts: readonly AnalysedAttempt[],
  { scope = "first", minimum = MIN_ATTEMPTS }: { scope?: AttemptScope; minimum?: number } = {},
): QuizAnalysis {
  const graded = attempts.map(grade);
  const summarised = summaryAttempts(graded, scope);
  const n = summarised.length;
  const isEnough = n >= minimum;
  const { catalogue, responsesOf } = collectResponses(slots, graded, scope);
  const slotStats = catalogue.map((slot): SlotStats => ({
    ...slot,
    versions: slot.versions.map((v) => versionStats(v, responsesOf(v), minimum)),
  }));
  // Moodle's coefficient of internal consistency is over slots: each attempt's credit on each slot, whichever version it asked.
  const matrix = summarised.map((g) => slots.map((s) => g.credits.get(s.slotId) ?? 0));
  const totals = summarised.map((g) => g.total);
  return {
    scope,
    attempts: n,
    students: new Set(graded.map((g) => g.student)).size,
    minimum,
    isEnough,
    summary: isEnough
      ? {
          mean: mean(totals),
          median: median(totals),
          standardDeviation: standardDeviation(totals),
          alpha: cronbachAlpha(matrix),
          outOf: slots.length,
        }
      : null,
    slots: slotStats,
    items: slotStats.flatMap((s) => s.versions.filter((v) => v.isPrimary)),
  };
}
