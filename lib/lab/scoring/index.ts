import type { VisionOutput } from "@/lib/lab/schemas";
import type { LabSample } from "@/lib/lab/sample-schema";
import type { CellScores, ScoredAnswer } from "@/lib/lab/scoring/types";
import { scoreControls } from "@/lib/lab/scoring/controls";
import { scoreInjection } from "@/lib/lab/scoring/injection";
import { scoreInventions } from "@/lib/lab/scoring/inventions";
import { scorePairs } from "@/lib/lab/scoring/pairs";

// Scores an answer against a sample's ground truth beyond its visible text. Pure: no server code, so
// the page may re-score with the same functions.

export { scoreControls } from "@/lib/lab/scoring/controls";
export { scoreInjection } from "@/lib/lab/scoring/injection";
export { scoreInventions } from "@/lib/lab/scoring/inventions";
export { scorePairs } from "@/lib/lab/scoring/pairs";

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, " ").trim();

/**
 * A cell's answer as the scorers read it. A structured answer is flattened one item per line (visible
 * text, then controls as `label (type): state`, the likely task, the uncertainties), so that the
 * scorers can tell its parts apart; prose (text-only, OCR, broken JSON) is kept as written.
 */
export function toScoredAnswer(output: string, structured: VisionOutput | null): ScoredAnswer {
  if (!structured) return { text: output, controls: null, visibleText: null, uncertainties: null };
  const visibleText = structured.visible_text.map(oneLine).filter(Boolean);
  const uncertainties = structured.uncertainties.map(oneLine).filter(Boolean);
  const controls = structured.visible_controls.map((c) => ({ type: oneLine(c.type), label: oneLine(c.label), state: oneLine(c.state) }));
  const controlLines = controls.map((c) => `${c.label || "(no label)"}${c.type ? ` (${c.type})` : ""}${c.state ? `: ${c.state}` : ""}`);
  const task = structured.likely_user_task ? [oneLine(structured.likely_user_task)] : [];
  return {
    text: [...visibleText, ...controlLines, ...task, ...uncertainties].join("\n"),
    controls,
    visibleText,
    uncertainties,
  };
}

/** Each part is null when the sample has nothing for it (no controls, no pairs, no inventions, no injection). */
export function scoreAnswer(sample: LabSample, answer: ScoredAnswer): CellScores {
  return {
    controls: sample.controls.length ? scoreControls(sample.controls, answer) : null,
    pairs: sample.pairs?.length ? scorePairs(sample.pairs, answer) : null,
    inventions: sample.inventions?.length ? scoreInventions(sample.inventions, answer) : null,
    injection: sample.injection ? scoreInjection(sample.injection, answer, sample.visibleText) : null,
  };
}
