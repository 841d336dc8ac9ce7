import { editDistance } from "@/lib/lab/accuracy";
import type { SampleControl } from "@/lib/lab/sample-schema";
import { judgeState, phrasesOf } from "@/lib/lab/scoring/control-states";
import type { Control, ControlMatch } from "@/lib/lab/scoring/types";
import { excerpt, findPhrase, normaliseAnswer, tokenize, words } from "@/lib/lab/scoring/text";

/* ----------------------------------------------------------- structured answers: match by label */

const TYPE_WORDS = new Set(
  "button btn link tab toggle switch checkbox check box tickbox radio option dropdown drop down select selector menu field input text area textarea search bar icon control label".split(
    " ",
  ),
);
const TYPE_GROUPS = [
  ["toggle", "switch"],
  ["checkbox", "check", "tickbox", "box"],
  ["dropdown", "select", "selector", "combobox", "menu", "picker"],
  ["button", "btn"],
  ["link", "nav", "navigation"],
  ["tab"],
  ["radio", "option"],
  ["input", "field", "textbox", "text", "area", "textarea", "search"],
];

function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const n = Math.min(a.length, b.length);
  if (n < 4) return false;
  return editDistance(a, b) <= (n >= 8 ? 2 : 1);
}

/** How well an answer's label names a truth phrase; type words in the answer ("toggle") do not count against it. */
function labelSimilarity(phrase: readonly string[], answer: readonly string[]): number {
  if (!phrase.length || !answer.length) return 0;
  const covered = phrase.filter((w) => answer.some((a) => sameWord(w, a))).length;
  const counted = answer.filter((a) => !TYPE_WORDS.has(a) || phrase.includes(a));
  if (!counted.length) return 0;
  const precise = counted.filter((a) => phrase.some((w) => sameWord(w, a))).length;
  const recall = covered / phrase.length;
  const precision = precise / counted.length;
  if (!recall || !precision) return 0;
  // F1, or F2 when the answer adds words of its own ("Auto-refresh every 30 s").
  return Math.max((2 * recall * precision) / (recall + precision), (5 * recall * precision) / (4 * precision + recall));
}

function typesAgree(a: string, b: string): boolean {
  const wa = words(a);
  const wb = words(b);
  return TYPE_GROUPS.some((g) => wa.some((w) => g.includes(w)) && wb.some((w) => g.includes(w)));
}

const MATCH_AT = 0.6;

export function scoreStructured(truth: readonly SampleControl[], answered: readonly Control[]): ControlMatch[] {
  const candidates: { t: number; a: number; score: number }[] = [];
  truth.forEach((c, t) => {
    const phrases = phrasesOf(c);
    answered.forEach((given, a) => {
      const label = words(given.label);
      const best = Math.max(0, ...phrases.map((p) => labelSimilarity(p, label)));
      if (best >= MATCH_AT) candidates.push({ t, a, score: best + (typesAgree(c.type, given.type) ? 0.05 : 0) });
    });
  });
  candidates.sort((x, y) => y.score - x.score || x.t - y.t || x.a - y.a);
  const byTruth = new Map<number, number>();
  const taken = new Set<number>();
  for (const { t, a } of candidates) {
    if (byTruth.has(t) || taken.has(a)) continue;
    byTruth.set(t, a);
    taken.add(a);
  }
  return truth.map((c, t) => {
    const a = byTruth.get(t);
    const given = a === undefined ? undefined : answered[a];
    if (!given)
      return { label: c.label, type: c.type, truthState: c.state, found: false, claimedState: null, stateRight: false, evidence: null };
    // A state folded into the label ("Email alerts (on)") still counts.
    const state = given.state.trim() || labelRemainder(given.label, phrasesOf(c));
    const judged = state ? judgeState(c, state) : null;
    const head = [given.type.trim(), given.label.trim() ? `“${given.label.trim()}”` : ""].filter(Boolean).join(" ");
    return {
      label: c.label,
      type: c.type,
      truthState: c.state,
      found: true,
      claimedState: state || null,
      stateRight: judged?.right ?? false,
      evidence: excerpt(given.state.trim() ? `${head}: ${given.state.trim()}` : head),
    };
  });
}

function labelRemainder(label: string, phrases: readonly string[][]): string {
  const text = normaliseAnswer(label);
  const tokens = tokenize(text);
  for (const p of phrases) {
    const [span] = findPhrase(text, tokens, p);
    if (span) return (text.slice(0, span.start) + " " + text.slice(span.end)).trim();
  }
  return "";
}
