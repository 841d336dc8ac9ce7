import type { SamplePair } from "@/lib/lab/sample-schema";
import type { PairMatch, PairsScore, ScoredAnswer } from "@/lib/lab/scoring/types";
import {
  excerpt,
  findPhrase,
  findValues,
  lastBoundaryBefore,
  lines,
  normaliseAnswer,
  outermost,
  sentenceAt,
  sentenceEndAfter,
  sentences,
  tokenize,
  words,
  type Segment,
  type Span,
} from "@/lib/lab/scoring/text";

// Label-value bindings: the value must stand with its label, not merely somewhere in the answer.
// Within a line: after the label up to the sentence's end, the next label or 100 characters ("TOTAL
// £59.04", "qwen3-vl:2b: 68.4"), or just before it back to a comma or the previous label ("68.4 for
// qwen3-vl:2b"). A line that is only the label (a transcription listing a two-column layout item by
// item) binds to one of the next three lines before another label, or to the line before it (a chart
// prints the value above its bar's label). A weak binding: a transcription that shifts values by one
// line can still pass. A pair with
// `exclusive` options is not bound by a window that also names another option (a list of choices).

type Occurrence = Span & { pair: number };

const FORWARD_CHARS = 100;
const BACKWARD_CHARS = 50;
const LINES_AFTER = 3;

export function scorePairs(pairs: readonly SamplePair[], answer: ScoredAnswer): PairsScore {
  const text = normaliseAnswer(answer.text);
  const tokens = tokenize(text);
  const textLines = lines(text);
  let occurrences: Occurrence[] = pairs.flatMap((p, pair) =>
    [p.label, ...(p.labelAccept ?? [])]
      .map(words)
      .filter((w) => w.length > 0)
      .flatMap((w) => findPhrase(text, tokens, w).map((s) => ({ ...s, pair }))),
  );
  // A label inside a longer label ("total" in "total paid", "VAT" in "VAT 20% included") is that label.
  occurrences = outermost(occurrences);
  const textSentences = sentences(text);
  const around = (o: Span) => {
    const s = sentenceAt(textSentences, o);
    return s ? excerpt(s.text, 160, { start: o.start - s.start, end: o.end - s.start }) : "";
  };
  const lineOf = (o: Span) => textLines.findIndex((l) => l.start <= o.start && o.end <= l.end);
  const labelsIn = (l: Segment, except: number) => occurrences.some((x) => x.pair !== except && x.start >= l.start && x.end <= l.end);

  const matches: PairMatch[] = pairs.map((p, pair) => {
    const values = [p.value, ...(p.accept ?? [])];
    const others = (p.exclusive ?? []).map(words);
    const bindsIn = (window: string) =>
      findValues(window, values).length > 0 && !others.some((o) => findPhrase(window, tokenize(window), o).length > 0);
    const mine = occurrences.filter((o) => o.pair === pair);
    let bound: string | null = null;
    for (const o of mine) {
      const li = lineOf(o);
      const line = textLines[li];
      if (!line) continue;
      const nextOther = occurrences.find((x) => x.pair !== pair && x.start >= o.end)?.start ?? Infinity;
      const forwardEnd = Math.min(line.end, sentenceEndAfter(text, o.end, line.end), nextOther, o.end + FORWARD_CHARS);
      const previousOther = occurrences.filter((x) => x.pair !== pair && x.end <= o.start).at(-1)?.end ?? -Infinity;
      const backwardStart = Math.max(lastBoundaryBefore(text, line.start, o.start), o.start - BACKWARD_CHARS, previousOther);
      if (bindsIn(text.slice(o.end, forwardEnd)) || bindsIn(text.slice(backwardStart, o.start))) {
        bound = around(o);
        break;
      }
      const rest = (text.slice(line.start, o.start) + text.slice(o.end, line.end)).replace(/[\s*:#|"'()[\]-]+/g, "");
      if (rest || p.exclusive?.length) continue;
      const after: Segment[] = [];
      for (const next of textLines.slice(li + 1, li + 1 + LINES_AFTER)) {
        if (labelsIn(next, pair)) break;
        after.push(next);
      }
      const previous = textLines[li - 1];
      const near = [...after, ...(previous && !labelsIn(previous, pair) ? [previous] : [])];
      const hit = near.find((l) => bindsIn(l.text));
      if (hit) {
        bound = excerpt(hit.start < line.start ? `${hit.text.trim()} / ${line.text.trim()}` : `${line.text.trim()} / ${hit.text.trim()}`);
        break;
      }
    }
    const first = mine[0];
    const claimed = bound ?? (first ? around(first) : null);
    return { label: p.label, value: p.value, found: bound !== null, claimed };
  });
  return { total: matches.length, right: matches.filter((m) => m.found).length, matches };
}
