import { formatNumber, isWithin, numericKey } from "@/lib/checks/compute";
import { parseNumberAnswer } from "@/lib/checks/number";
import type { Check } from "@/lib/checks/schema";
import type { CheckFeedback, Verdict } from "@/lib/checks/types";
import { creditFor } from "@/lib/quiz/grading";

// Grades one answer to an in-lesson check. Pure: the server action calls it with the key, the
// browser never has one. Choice answers arrive as the authored option ids (the action maps the
// public ids back first).

export type CheckAnswer = { optionIds: readonly string[] } | { text: string };

export type CheckGrade = {
  credit: number;
  verdict: Verdict;
  /** choice checks: the authored ids picked (unknown ids dropped) */
  chosen?: string[];
  /** numeric checks: the number read from what was typed */
  given?: number;
};

export type GradeOutcome = { ok: true; grade: CheckGrade } | { ok: false; code: "NOT_A_NUMBER" | "WRONG_ANSWER_KIND"; message: string };

const round2 = (x: number) => Math.round(x * 100) / 100;

export function verdictOf(credit: number): Verdict {
  if (credit >= 0.999) return "right";
  return credit > 0 ? "partly" : "wrong";
}

/**
 * single: 1 or 0. multiple: (right picks − wrong picks) / right options, never below 0, so ticking
 * every box earns nothing. numeric: 1 within the tolerance, else 0; text that is not a number is
 * refused (it is not an answer, and it is not counted).
 */
export function gradeCheck(check: Check, answer: CheckAnswer): GradeOutcome {
  if (check.kind === "numeric") {
    if (!("text" in answer)) return { ok: false, code: "WRONG_ANSWER_KIND", message: "This check needs a number." };
    const parsed = parseNumberAnswer(answer.text);
    if (!parsed.ok) return { ok: false, code: "NOT_A_NUMBER", message: parsed.message };
    const { value } = numericKey(check.answer!);
    const credit = isWithin(parsed.value, value, check.answer!.tolerance) ? 1 : 0;
    return { ok: true, grade: { credit, verdict: verdictOf(credit), given: parsed.value } };
  }
  if (!("optionIds" in answer)) return { ok: false, code: "WRONG_ANSWER_KIND", message: "Pick an option." };
  const options = check.options!;
  const valid = new Set(options.map((o) => o.id));
  const chosen = [...new Set(answer.optionIds)].filter((id) => valid.has(id)).sort();
  const right = options.filter((o) => o.correct).map((o) => o.id);
  const rightChosen = chosen.filter((id) => right.includes(id)).length;
  const credit = round2(creditFor(check.kind, rightChosen, chosen.length - rightChosen, right.length));
  return { ok: true, grade: { credit, verdict: verdictOf(credit), chosen } };
}

/** What the reader sees after answering: the key, the explanations, and the hint when it was not right. */
export function buildFeedback(check: Check, grade: CheckGrade, publicId: (optionId: string) => string): CheckFeedback {
  const base: CheckFeedback = {
    verdict: grade.verdict,
    credit: grade.credit,
    explanation: check.explanation,
    ...(grade.verdict === "right" ? {} : { hint: check.hint }),
  };
  if (check.kind === "numeric") {
    const answer = check.answer!;
    const key = numericKey(answer);
    const given = grade.given ?? Number.NaN;
    const misconception =
      grade.verdict === "right" ? undefined : answer.misconceptions.find((m) => isWithin(given, m.value, answer.tolerance));
    return {
      ...base,
      ...(misconception ? { note: misconception.feedback } : {}),
      answer: { value: key.value, display: formatNumber(key.value), unit: answer.unit, working: key.working, given },
    };
  }
  const chosen = new Set(grade.chosen ?? []);
  const options = check.options!;
  const right = options.filter((o) => o.correct).length;
  const rightChosen = options.filter((o) => o.correct && chosen.has(o.id)).length;
  const wrongChosen = chosen.size - rightChosen;
  const note =
    check.kind === "multiple" && grade.verdict !== "right"
      ? `You picked ${rightChosen} of the ${right} right options${wrongChosen ? ` and ${wrongChosen} wrong one${wrongChosen === 1 ? "" : "s"}` : ""}.`
      : undefined;
  return {
    ...base,
    ...(note ? { note } : {}),
    options: options.map((o) => ({ id: publicId(o.id), correct: o.correct, chosen: chosen.has(o.id), explanation: o.explanation })),
  };
}

/**
 * How far a wrong number is from the key, in words ("34 tokens too low"), so the reader knows
 * which way to go. Null when there is nothing to say: the same number, or not a number at all.
 */
export function describeNumericMiss(given: number, expected: number, unit: string): string | null {
  if (!Number.isFinite(given) || !Number.isFinite(expected) || given === expected) return null;
  const direction = given > expected ? "too high" : "too low";
  const gap = formatNumber(Math.abs(given - expected));
  // A miss smaller than the shown precision (0.001 off a key of 24) still has a direction.
  const by = gap === "0" ? "a little" : unit ? `${gap} ${unit}` : gap;
  return `${by} ${direction}`;
}
