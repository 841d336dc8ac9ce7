// What the tutor's route streams, one JSON object per line (NDJSON). Pure: the browser reads it too.

/** A passage of the lesson an answer rests on, cited as [n] and linked to its section. */
export type TutorSource = { n: number; anchor: string; title: string; excerpt: string };

/**
 * model: a local model phrases the answer from `sources` (deltas follow);
 * passages: no model available, `sources` are quoted as the answer;
 * not-covered: nothing relevant, `sources` are the closest sections;
 * refused: quiz answers or the student's own write-up were asked for, `sources` are what to read.
 */
export type TutorMode = "model" | "passages" | "not-covered" | "refused";

export type TutorEvent =
  | { type: "start"; mode: TutorMode; sources: TutorSource[]; message?: string; note?: string; model?: string }
  | { type: "delta"; text: string }
  | { type: "done" }
  | { type: "error"; message: string };

export const QUESTION_MAX_CHARS = 500;

export const NOT_COVERED_MESSAGE = "This lesson doesn't cover that. These are the closest sections:";

/** Splits an answer into text and [n] citations that name a source; anything else stays text. */
export function splitCitations(text: string, sources: readonly TutorSource[]): ({ text: string } | { cite: TutorSource })[] {
  const parts: ({ text: string } | { cite: TutorSource })[] = [];
  let last = 0;
  for (const match of text.matchAll(/\[(\d{1,2})\]/g)) {
    const source = sources.find((s) => s.n === Number(match[1]));
    if (!source) continue;
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ cite: source });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
