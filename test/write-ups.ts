import type { WriteUp } from "@/lib/submissions/schemas";

// A write-up a student could submit: every answer rated, what the text-only model cannot know, a
// failure and an 80-word recommendation. For tests that need a complete one on a run of their own.

const CELL_KEYS = (["TEXT", "VISION"] as const).flatMap((column) =>
  (["easy", "task", "failure"] as const).map((kind) => `${column}:${kind}`),
);

export function completeWriteUp(runId: string): WriteUp {
  return {
    runId,
    ratings: Object.fromEntries(
      CELL_KEYS.map((key) => [key, { rating: 3, note: "", ...(key.startsWith("VISION") ? { guessedHiddenState: false } : {}) }]),
    ),
    cannotKnow: "Which toggles are on\nThe values in the fields",
    failure: { text: "It listed dropdown options that are not visible.", cell: "VISION:failure" },
    recommendation: {
      choice: "narrow",
      narrowJob: "reading visible labels",
      paragraph: Array.from({ length: 80 }, (_, i) => `word${i}`).join(" "),
    },
  };
}
