import type { PublicQuiz } from "@/lib/quiz/types";

/** Only the answers whose option ids belong to this page: ids drawn for another identity match nothing. */
export function keepKnownAnswers(
  quiz: PublicQuiz,
  answers: Record<string, string[]>,
): { kept: Record<string, string[]>; dropped: boolean } {
  let dropped = false;
  const kept: Record<string, string[]> = {};
  for (const [questionId, ids] of Object.entries(answers)) {
    const known = new Set(quiz.questions.find((q) => q.id === questionId)?.options.map((o) => o.id));
    const valid = ids.filter((id) => known.has(id));
    if (valid.length !== ids.length) dropped = true;
    if (valid.length) kept[questionId] = valid;
  }
  return { kept, dropped };
}

/** One click on an option: a radio replaces the answer, a checkbox adds or removes its option. */
export function toggleOption(kind: "single" | "multiple", previous: string[], optionId: string, isOn: boolean): string[] {
  if (kind === "single") return [optionId];
  return isOn ? [...new Set([...previous, optionId])] : previous.filter((id) => id !== optionId);
}
