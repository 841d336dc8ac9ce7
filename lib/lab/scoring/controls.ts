import type { SampleControl } from "@/lib/lab/sample-schema";
import { scoreProse } from "@/lib/lab/scoring/controls-prose";
import { scoreStructured } from "@/lib/lab/scoring/controls-structured";
import type { ControlsScore, ScoredAnswer } from "@/lib/lab/scoring/types";

// Controls found and their state right. A structured answer lists controls: each truth control is
// matched to one of them by label (fuzzy, one to one), and its state is judged by state words. A prose
// answer (text-only model, OCR, broken JSON) finds a control by naming it; its state counts only when
// state words stand next to the name in the same line and sentence.

// State words are read in control-states.ts; structured answers are matched in
// controls-structured.ts, prose in controls-prose.ts.

export { judgeState } from "@/lib/lab/scoring/control-states";

export function scoreControls(truth: readonly SampleControl[], answer: ScoredAnswer): ControlsScore {
  const matches = answer.controls ? scoreStructured(truth, answer.controls) : scoreProse(truth, answer.text);
  return {
    total: matches.length,
    found: matches.filter((m) => m.found).length,
    stateRight: matches.filter((m) => m.stateRight).length,
    matches,
  };
}
