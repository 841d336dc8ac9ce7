import { editDistance } from "@/lib/lab/accuracy";
import type { SampleControl } from "@/lib/lab/sample-schema";
import type { Control, ControlMatch, ControlsScore, ScoredAnswer } from "@/lib/lab/scoring/types";
import {
  excerpt,
  findPhrase,
  lastBoundaryBefore,
  lines,
  normaliseAnswer,
  outermost,
  sentenceAt,
  sentenceEndAfter,
  sentences,
  tokenize,
  words,
  type Span,
  type Token,
} from "@/lib/lab/scoring/text";

// Controls found and their state right. A structured answer lists controls: each truth control is
// matched to one of them by label (fuzzy, one to one), and its state is judged by state words. A prose
// answer (text-only model, OCR, broken JSON) finds a control by naming it; its state counts only when
// state words stand next to the name in the same line and sentence.

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
function stateClaims(text: string): DimClaims {
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

const phrasesOf = (c: SampleControl) => [c.label, ...(c.aliases ?? [])].map(words).filter((p) => p.length > 0);
const MATCH_AT = 0.6;

function scoreStructured(truth: readonly SampleControl[], answered: readonly Control[]): ControlMatch[] {
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

/* ----------------------------------------------------------- prose answers: names and nearby states */

type Occurrence = Span & { control: number };

/** The words around a name, without the punctuation and dangling words at its edges. */
function tidyClaim(claim: string): string {
  let out = claim.replace(/\s+/g, " ").trim();
  for (let before = ""; before !== out;) {
    before = out;
    out = out
      .replace(/^[\s:=*"'-]+|[\s,;:*"'(-]+$/g, "")
      .replace(/\s+(?:and|or|but|the|a|an|while|with)$/i, "")
      .replace(/^(?:the|a|an)\s+/i, "");
  }
  return excerpt(out, 80);
}

const FORWARD_CHARS = 60;
const BACKWARD_CHARS = 35;

function scoreProse(truth: readonly SampleControl[], raw: string): ControlMatch[] {
  const text = normaliseAnswer(raw);
  const tokens = tokenize(text);
  const textLines = lines(text);
  let occurrences: Occurrence[] = truth.flatMap((c, control) =>
    phrasesOf(c).flatMap((p) => findPhrase(text, tokens, p).map((s) => ({ ...s, control }))),
  );
  // "Notifications" inside "Push notifications" names the toggle, not the tab.
  occurrences = outermost(occurrences);
  const textSentences = sentences(text);

  const claimAround = (o: Occurrence): string | null => {
    const line = textLines.find((l) => l.start <= o.start && o.end <= l.end);
    if (!line) return null;
    const nextOther = occurrences.find((x) => x.control !== o.control && x.start >= o.end)?.start ?? Infinity;
    const forwardEnd = Math.min(line.end, sentenceEndAfter(text, o.end, line.end), nextOther, o.end + FORWARD_CHARS);
    const forward = text.slice(o.end, forwardEnd);
    if (stateClaims(forward).size || /\p{N}|'|"/u.test(forward)) return forward;
    const previousOther = occurrences.filter((x) => x.control !== o.control && x.end <= o.start).at(-1)?.end ?? -Infinity;
    const backwardStart = Math.max(lastBoundaryBefore(text, line.start, o.start), o.start - BACKWARD_CHARS, previousOther);
    const backward = text.slice(backwardStart, o.start);
    return stateClaims(backward).size ? backward : forward;
  };

  return truth.map((c, control) => {
    const mine = occurrences.filter((o) => o.control === control);
    const base = { label: c.label, type: c.type, truthState: c.state };
    if (!mine.length) return { ...base, found: false, claimedState: null, stateRight: false, evidence: null };
    const claims = mine
      .map((o) => ({ o, claim: claimAround(o) }))
      .flatMap(({ o, claim }) => {
        if (claim === null) return [];
        const judged = judgeState(c, claim, { linked: true });
        return judged.hasState ? [{ o, claim, judged }] : [];
      });
    const chosen = claims.find((x) => x.judged.right) ?? claims[0];
    const shown = chosen?.o ?? mine[0]!;
    const sentence = sentenceAt(textSentences, shown);
    return {
      ...base,
      found: true,
      claimedState: chosen ? tidyClaim(chosen.claim) || null : null,
      stateRight: claims.some((x) => x.judged.right) && !claims.some((x) => x.judged.contradicts),
      evidence: sentence ? excerpt(sentence.text, 160, { start: shown.start - sentence.start, end: shown.end - sentence.start }) : null,
    };
  });
}

export function scoreControls(truth: readonly SampleControl[], answer: ScoredAnswer): ControlsScore {
  const matches = answer.controls ? scoreStructured(truth, answer.controls) : scoreProse(truth, answer.text);
  return {
    total: matches.length,
    found: matches.filter((m) => m.found).length,
    stateRight: matches.filter((m) => m.stateRight).length,
    matches,
  };
}
