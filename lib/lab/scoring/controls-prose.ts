import type { SampleControl } from "@/lib/lab/sample-schema";
import { judgeState, phrasesOf, stateClaims } from "@/lib/lab/scoring/control-states";
import type { ControlMatch } from "@/lib/lab/scoring/types";
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
  type Span,
} from "@/lib/lab/scoring/text";

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

export function scoreProse(truth: readonly SampleControl[], raw: string): ControlMatch[] {
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
