import type { SampleControl } from "@/lib/lab/sample-schema";
import type { Control } from "@/lib/lab/scoring/types";
import { normaliseAnswer, tokenize, words, type Token } from "@/lib/lab/scoring/text";

// A control's state, read from words: which state words a piece of text uses ("off", "greyed out",
// "not checked"), what the sample's truth says the state is, and whether the two agree.

type Dim = "on" | "available" | "fill" | "open" | "valid";
type DimClaims = Map<Dim, Set<boolean>>;

const VOCABULARY: [phrase: string, dim: Dim, positive: boolean][] = [
  ["on", "on", true],
  ["off", "on", false],
  ["checked", "on", true],
  ["unchecked", "on", false],
  ["ticked", "on", true],
  ["unticked", "on", false],
  ["selected", "on", true],
  ["unselected", "on", false],
  ["deselected", "on", false],
  ["active", "on", true],
  ["inactive", "on", false],
  ["current", "on", true],
  ["highlighted", "on", true],
  ["chosen", "on", true],
  ["enabled", "available", true],
  ["clickable", "available", true],
  ["available", "available", true],
  ["interactive", "available", true],
  ["disabled", "available", false],
  ["greyed out", "available", false],
  ["grayed out", "available", false],
  ["greyed", "available", false],
  ["grayed", "available", false],
  ["unavailable", "available", false],
  ["empty", "fill", false],
  ["blank", "fill", false],
  ["placeholder", "fill", false],
  ["unfilled", "fill", false],
  ["filled", "fill", true],
  ["entered", "fill", true],
  ["prefilled", "fill", true],
  ["populated", "fill", true],
  ["open", "open", true],
  ["opened", "open", true],
  ["expanded", "open", true],
  ["closed", "open", false],
  ["collapsed", "open", false],
  ["invalid", "valid", false],
  ["error", "valid", false],
  ["required", "valid", false],
  ["valid", "valid", true],
];
const PHRASES = VOCABULARY.map(([phrase, dim, positive]) => ({ words: phrase.split(" "), dim, positive })).sort(
  (a, b) => b.words.length - a.words.length,
);
const NEGATIONS = new Set(["not", "no", "never", "t", "without", "non"]);
const ON_VERBS = new Set([
  "is",
  "are",
  "was",
  "turned",
  "switched",
  "toggled",
  "set",
  "stays",
  "remains",
  "currently",
  "state",
  "status",
  "shows",
  "showing",
  "appears",
]);
const ON_NEXT = new Set(["and", "but", "while", "or"]);

// "on" and "off" are also prepositions: they count as states only where a state is being given.
function isStateOnOff(text: string, tokens: readonly Token[], i: number): boolean {
  const token = tokens[i]!;
  if (/^[-'’]\p{L}/u.test(text.slice(token.end))) return false; // "on-demand", "off-white"
  const after = text.slice(token.end).match(/^\s*(\S?)/)?.[1] ?? "";
  if (!after || /[^\p{L}\p{N}]/u.test(after)) return true;
  const before = text.slice(0, token.start).match(/(\S?)\s*$/)?.[1] ?? "";
  if (/[:=(\-/]/.test(before)) return true;
  const previous = tokens[i - 1];
  if (previous && ON_VERBS.has(previous.text) && text.slice(previous.end, token.start).trim() === "") return true;
  return ON_NEXT.has(tokens[i + 1]?.text ?? "");
}

/** The state words in a piece of text, each with its polarity (flipped by a negation just before it). */
export function stateClaims(text: string): DimClaims {
  const tokens = tokenize(text);
  const claims: DimClaims = new Map();
  for (let i = 0; i < tokens.length; i++) {
    const hit = PHRASES.find((p) => p.words.every((w, j) => tokens[i + j]?.text === w));
    if (!hit) continue;
    if (hit.words.length === 1 && (hit.words[0] === "on" || hit.words[0] === "off") && !isStateOnOff(text, tokens, i)) continue;
    const negated = [tokens[i - 1], tokens[i - 2]].some((t) => t && NEGATIONS.has(t.text));
    const set = claims.get(hit.dim) ?? new Set<boolean>();
    set.add(negated ? !hit.positive : hit.positive);
    claims.set(hit.dim, set);
    i += hit.words.length - 1;
  }
  return claims;
}

const numberless = (w: string) => (/^\d+$/.test(w) ? String(Number(w)) : w);
const valueWords = (s: string) => words(s).map(numberless);

function containsWords(haystack: readonly string[], needle: readonly string[]): boolean {
  if (!needle.length) return false;
  for (let i = 0; i + needle.length <= haystack.length; i++) if (needle.every((w, j) => haystack[i + j] === w)) return true;
  return false;
}

type TruthState = { dims: Map<Dim, boolean>; values: string[][] };

/** "closed, 'Daily at 09:00' selected" -> open: false, value "Daily at 09:00". */
function truthState(state: string): TruthState {
  const dims = new Map<Dim, boolean>();
  const values: string[][] = [];
  for (const facet of state.split(/,(?=(?:[^']*'[^']*')*[^']*$)/)) {
    const filled = facet.match(/^\s*filled:\s*(.+)$/i);
    const quoted = facet.match(/'([^']+)'/);
    if (filled) {
      dims.set("fill", true);
      values.push(valueWords(filled[1]!));
    } else if (quoted && /placeholder/i.test(facet)) {
      dims.set("fill", false);
    } else if (quoted) {
      values.push(valueWords(quoted[1]!));
    } else {
      for (const [dim, set] of stateClaims(facet)) for (const v of set) dims.set(dim, v);
    }
  }
  return { dims, values };
}

const LINK = /\b(?:is|are|was|set|shows?|showing|reads?|reading|contains?|holds?|has|value|with)\b|=/i;
const GIVEN_VALUE = /^[\s:=*-]*(?:(?:is|shows|reads|contains|has|set to|filled with)\s+)*["'\p{N}]/iu;

type Judgement = { hasState: boolean; right: boolean; contradicts: boolean };

/**
 * Whether `claim` gets the control's state right. In prose (`linked`), a value counts only when words
 * tie it to the control ("is set to Daily at 09:00"): a label and a value side by side are the screen's
 * own text (OCR reading "Digest frequency Daily at 09:00"), not a reading of the control.
 */
export function judgeState(truth: Pick<Control, "type" | "state">, claim: string, { linked = false } = {}): Judgement {
  const expected = truthState(truth.state);
  const text = normaliseAnswer(claim);
  const claims = stateClaims(text);
  const valuesMay = !linked || claims.size > 0 || LINK.test(text);
  const claimWords = valueWords(text);
  const valuesSeen = valuesMay ? expected.values.filter((v) => containsWords(claimWords, v)).length : 0;
  // A value given for a field ("Date of expense: 14/03/2025") says it is filled.
  if (valuesMay && expected.dims.has("fill") && !claims.has("fill") && GIVEN_VALUE.test(text)) claims.set("fill", new Set([true]));

  // "Enabled" of a toggle means on; "inactive" of a button means disabled.
  const move = (from: Dim, to: Dim) => {
    const moved = claims.get(from);
    if (!moved) return;
    claims.set(to, new Set([...(claims.get(to) ?? []), ...moved]));
    claims.delete(from);
  };
  const type = truth.type.toLowerCase();
  if (expected.dims.has("on") && !expected.dims.has("available") && /toggle|switch|check/.test(type)) move("available", "on");
  if (expected.dims.has("available") && !expected.dims.has("on") && /button|link/.test(type)) move("on", "available");
  // Only words about this control's kind of state count as a claim ("open tickets" says nothing of a link).
  const hasState = valuesSeen > 0 || [...expected.dims.keys()].some((d) => claims.has(d));
  let contradicts = false;
  let confirmed = valuesSeen > 0;
  for (const [dim, want] of expected.dims) {
    const said = claims.get(dim);
    if (!said) continue;
    if (said.has(!want)) contradicts = true;
    if (said.has(want)) confirmed = true;
  }
  return { hasState, contradicts, right: confirmed && !contradicts && valuesSeen === expected.values.length };
}

/** The names a truth control goes by (its label and aliases), as words. */
export const phrasesOf = (c: SampleControl) => [c.label, ...(c.aliases ?? [])].map(words).filter((p) => p.length > 0);
