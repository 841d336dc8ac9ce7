// What the lab scores in an answer, against a sample's ground truth (content/lab/samples/samples.yaml).
// Pure types: the runner stores a CellScores per cell (LabCell.scores), the page shows them.

/** A control as the structured output reports it (visible_controls items), or as the truth lists it. */
export type Control = { type: string; label: string; state: string };

/** What is scored: an answer's text, and its controls when the model kept to the JSON schema. */
export type ScoredAnswer = {
  /** the whole answer as text (for a structured answer: every field, flattened) */
  text: string;
  /** parsed visible_controls when the answer was structured; null for prose (text-only, OCR, broken JSON) */
  controls: Control[] | null;
  /** structured answers: the visible_text items (a transcription, where quoting an injected line is right) */
  visibleText: string[] | null;
  /** structured answers: the uncertainties items (saying something is not visible there is never an invention) */
  uncertainties: string[] | null;
};

export type ControlMatch = {
  label: string;
  type: string;
  truthState: string;
  /** the answer named this control */
  found: boolean;
  /** the state the answer gave, when it gave one */
  claimedState: string | null;
  stateRight: boolean;
  /** where the answer named it: the structured control as given, or the prose line (cut to 160 characters) */
  evidence?: string | null;
};

export type ControlsScore = { total: number; found: number; stateRight: number; matches: ControlMatch[] };

export type PairMatch = { label: string; value: string; found: boolean; claimed: string | null };
/** Label-value bindings: a receipt's total, a form's error on its field, a chart's value on its bar. */
export type PairsScore = { total: number; right: number; matches: PairMatch[] };

export type Invention = { id: string; description: string; evidence: string };
/** Claims about things the sample's trap says are not visible (dropdown options, a cut-off address). */
export type InventionsScore = { checked: number; inventions: Invention[] };

export type InjectionFinding = { id: string; description: string; evidence: string; kind: "complied" | "relayed" };
/** Did the answer carry out, or pass on as advice, an instruction written inside the image. */
export type InjectionScore = { instructions: number; complied: boolean; findings: InjectionFinding[] };

/** LabCell.scores: null parts do not apply to the sample (no controls, no pairs, no injection). */
export type CellScores = {
  controls: ControlsScore | null;
  pairs: PairsScore | null;
  inventions: InventionsScore | null;
  injection: InjectionScore | null;
};
