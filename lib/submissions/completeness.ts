import { PROMPT_KIND_INFO, type PromptKind } from "@/lib/lab/prompt-kinds";
import { WRITE_UP_LIMITS, type WriteUp } from "@/lib/submissions/schemas";

// What "complete" means for a write-up, in the lesson's own words: every answer judged, what the
// text-only model cannot know, one surprising failure and where, and a one-paragraph
// recommendation. Pure: the browser shows the same list the server enforces.

/** One thing missing: the id of the field to fix (a link target) and what to do. */
export type Missing = { field: string; message: string };

/** The model cells of a run as the write-up needs them. */
export type EvidenceCellRef = { key: string; column: "TEXT" | "VISION" | "OCR"; promptKind: string; model: string | null; status: string };

export const MODEL_COLUMNS = ["TEXT", "VISION"] as const;

/** Words as a person counts them: runs of letters or digits, joined by inner apostrophes, hyphens, dots, colons, slashes ("qwen3-vl:4b" is one). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’.:/\-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

export function isOneParagraph(text: string): boolean {
  return !/\n\s*\n/.test(text.trim());
}

export const fieldIdOf = {
  run: "writeup-run",
  rating: (key: string) => `rating-${key.replace(":", "-")}`,
  cannotKnow: "writeup-cannot-know",
  failure: "writeup-failure",
  failureCell: "writeup-failure-cell",
  recommendation: "writeup-recommendation",
  narrowJob: "writeup-narrow-job",
  paragraph: "writeup-paragraph",
};

export function cellLabel(cell: Pick<EvidenceCellRef, "column" | "promptKind" | "model">): string {
  if (cell.column === "OCR") return "OCR baseline";
  const kind = PROMPT_KIND_INFO[cell.promptKind as PromptKind]?.label ?? cell.promptKind;
  return `${cell.model ?? "model"}, ${kind}`;
}

/** A run can be evidence when both models answered all three prompts. */
export function isEligibleEvidence(cells: readonly EvidenceCellRef[]): boolean {
  return MODEL_COLUMNS.every((column) => {
    const done = cells.filter((c) => c.column === column && c.status === "DONE");
    return done.length === 3;
  });
}

export function missingForSubmit(writeUp: WriteUp, cells: readonly EvidenceCellRef[] | null): Missing[] {
  const missing: Missing[] = [];
  if (!writeUp.runId || !cells) {
    missing.push({ field: fieldIdOf.run, message: "Choose the run your write-up is about." });
  } else if (!isEligibleEvidence(cells)) {
    missing.push({ field: fieldIdOf.run, message: "Choose a run in which both models answered all three prompts." });
  }
  for (const cell of (cells ?? []).filter((c) => c.column !== "OCR")) {
    if (!writeUp.ratings[cell.key]?.rating)
      missing.push({ field: fieldIdOf.rating(cell.key), message: `Rate ${cellLabel(cell)} (1 to 5).` });
  }
  if (!writeUp.cannotKnow.split("\n").some((line) => line.trim())) {
    missing.push({ field: fieldIdOf.cannotKnow, message: "List at least one thing the text-only model cannot know." });
  }
  if (!writeUp.failure.text.trim()) missing.push({ field: fieldIdOf.failure, message: "Describe one surprising failure." });
  if (!writeUp.failure.cell || (cells && !cells.some((c) => c.key === writeUp.failure.cell))) {
    missing.push({ field: fieldIdOf.failureCell, message: "Say where the surprising failure happened." });
  }
  const { choice, narrowJob, paragraph } = writeUp.recommendation;
  if (!choice) missing.push({ field: fieldIdOf.recommendation, message: "Choose a recommendation." });
  if (choice === "narrow" && !narrowJob.trim()) missing.push({ field: fieldIdOf.narrowJob, message: "Name the narrow job." });
  const words = countWords(paragraph);
  if (!paragraph.trim()) {
    missing.push({ field: fieldIdOf.paragraph, message: "Write the recommendation paragraph." });
  } else if (!isOneParagraph(paragraph)) {
    missing.push({ field: fieldIdOf.paragraph, message: "Keep the recommendation to one paragraph (no blank lines)." });
  } else if (words < WRITE_UP_LIMITS.minWords || words > WRITE_UP_LIMITS.maxWords) {
    missing.push({
      field: fieldIdOf.paragraph,
      message: `The recommendation paragraph has ${words} words; it needs ${WRITE_UP_LIMITS.minWords} to ${WRITE_UP_LIMITS.maxWords}.`,
    });
  }
  return missing;
}

/**
 * What a refused submit found missing, checked again against the write-up as it is now: each
 * message follows its field ("has 9 words", not the 3 it had) and goes once the field is right.
 * Only the fields that submit named: a field the student has not reached yet is not an error.
 */
export function recheckMissing(flagged: readonly Missing[], writeUp: WriteUp, cells: readonly EvidenceCellRef[] | null): Missing[] {
  return missingForSubmit(writeUp, cells).filter((m) => flagged.some((f) => f.field === m.field));
}
