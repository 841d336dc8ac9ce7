import { cellLabel, type EvidenceCellRef } from "@/lib/submissions/completeness";
import { RECOMMENDATION_LABELS, type WriteUp } from "@/lib/submissions/schemas";

// What a student changed between two versions of a write-up, field by field and word by word, so a
// reviewer reads the revision rather than the whole write-up again. Pure: a longest common
// subsequence over words, no library.

export type DiffPart = { kind: "same" | "inserted" | "deleted"; text: string };

/** One field of the write-up and how it changed; `parts` is empty when it did not. */
export type FieldChange = { label: string; changed: boolean; parts: DiffPart[]; inserted: number; deleted: number };

// Above this many word pairs the table would be too large to build in a request; the field is then
// shown as replaced as a whole, which is still true.
const MAX_CELLS = 1_000_000;

/** Words with the space after each, so that joining the parts gives the text back. */
const tokens = (text: string): string[] => text.match(/\s*\S+\s*/g) ?? [];
const word = (token: string) => token.trim();

function push(parts: DiffPart[], kind: DiffPart["kind"], text: string) {
  const last = parts.at(-1);
  if (last?.kind === kind) last.text += text;
  else parts.push({ kind, text });
}

/** The word-level difference from `before` to `after`: unchanged runs, deletions and insertions in reading order. */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && word(a[start]!) === word(b[start]!)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && word(a[endA - 1]!) === word(b[endB - 1]!)) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  if (start) push(parts, "same", b.slice(0, start).join(""));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_CELLS) {
    if (midA.length) push(parts, "deleted", midA.join(""));
    if (midB.length) push(parts, "inserted", midB.join(""));
  } else {
    for (const part of lcsParts(midA, midB)) push(parts, part.kind, part.text);
  }
  if (endB < b.length) push(parts, "same", b.slice(endB).join(""));
  return parts;
}

function lcsParts(a: string[], b: string[]): DiffPart[] {
  // lengths[i][j]: the longest common run of a[i..] and b[j..], filled from the end.
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] =
        word(a[i]!) === word(b[j]!)
          ? lengths[(i + 1) * width + j + 1]! + 1
          : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (word(a[i]!) === word(b[j]!)) {
      push(parts, "same", b[j]!);
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      push(parts, "deleted", a[i++]!);
    } else {
      push(parts, "inserted", b[j++]!);
    }
  }
  while (i < a.length) push(parts, "deleted", a[i++]!);
  while (j < b.length) push(parts, "inserted", b[j++]!);
  return parts;
}

const countWords = (parts: DiffPart[], kind: DiffPart["kind"]) =>
  parts.filter((p) => p.kind === kind).reduce((n, p) => n + tokens(p.text).length, 0);

function change(label: string, before: string, after: string): FieldChange {
  if (before === after) return { label, changed: false, parts: [], inserted: 0, deleted: 0 };
  const parts = diffWords(before, after);
  return { label, changed: true, parts, inserted: countWords(parts, "inserted"), deleted: countWords(parts, "deleted") };
}

/**
 * Each field of the write-up from `before` to `after`, in the order the write-up asks for them. The
 * ratings are one entry per answer whose rating or note changed, or one "unchanged" entry.
 */
export function diffWriteUps(before: WriteUp, after: WriteUp, cells: readonly EvidenceCellRef[]): FieldChange[] {
  const labelOf = (key: string | null) => {
    const cell = cells.find((c) => c.key === key);
    return cell ? cellLabel(cell) : (key ?? "");
  };
  const ratingText = (r: WriteUp["ratings"][string] | undefined) =>
    `${r?.rating ?? "no rating"} / 5${r?.guessedHiddenState ? ", guessed hidden state" : ""}${r?.note ? `. ${r.note}` : ""}`;
  const keys = [...new Set([...Object.keys(before.ratings), ...Object.keys(after.ratings)])];
  const ratings = keys
    .map((key) => change(`Rating: ${labelOf(key)}`, ratingText(before.ratings[key]), ratingText(after.ratings[key])))
    .filter((c) => c.changed);
  const choice = (w: WriteUp) => (w.recommendation.choice ? RECOMMENDATION_LABELS[w.recommendation.choice] : "");
  return [
    ...(before.runId !== after.runId ? [change("The run", "an earlier run", "a different run")] : []),
    ...(ratings.length ? ratings : [change("Ratings and notes", "", "")]),
    change("What the text-only model cannot know", before.cannotKnow, after.cannotKnow),
    change("Surprising failure", before.failure.text, after.failure.text),
    change("Where it happened", labelOf(before.failure.cell), labelOf(after.failure.cell)),
    change("Recommendation", choice(before), choice(after)),
    change("Narrow job", before.recommendation.narrowJob, after.recommendation.narrowJob),
    change("Recommendation paragraph", before.recommendation.paragraph, after.recommendation.paragraph),
  ];
}
