// Text helpers shared by the scorers. Pure: the browser may use them.

export type Span = { start: number; end: number };
export type Token = Span & { text: string };
export type Segment = Span & { text: string };

// Answers past this are not read further: it bounds the scorers' work on a runaway output.
const MAX_CHARS = 20_000;

/** Unicode-compatible, straight quotes, ASCII hyphens, plain spaces: what every scorer reads. */
export function normaliseAnswer(text: string): string {
  return text
    .slice(0, MAX_CHARS)
    .normalize("NFKC")
    .replace(/[‘’ʼ`´]/g, "'")
    .replace(/[“”„]/g, '"')
    .replace(/[‐‑‒–—−]/g, "-")
    .replace(/[\u00a0\u2009\u202f]/g, " ")
    .replace(/\r\n?/g, "\n");
}

/** Letters and digits, lower-cased, with their offsets. */
export function tokenize(text: string): Token[] {
  return Array.from(text.matchAll(/[\p{L}\p{N}]+/gu), (m) => ({ text: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length }));
}

export function words(text: string): string[] {
  return tokenize(text).map((t) => t.text);
}

// Between two words of one phrase: spaces and light punctuation ("qwen3-vl:2b", "Search jobs, services"),
// never a line break, a sentence end, a semicolon or a quote.
const PHRASE_BREAK = /\n|[.!?]["')\]]*\s|[;"]/;

/** Every place the phrase's words occur one after another within a sentence. */
export function findPhrase(text: string, tokens: readonly Token[], phrase: readonly string[]): Span[] {
  const spans: Span[] = [];
  if (!phrase.length) return spans;
  for (let i = 0; i + phrase.length <= tokens.length; i++) {
    if (!phrase.every((w, j) => tokens[i + j]?.text === w)) continue;
    if (phrase.slice(1).some((_, j) => PHRASE_BREAK.test(text.slice(tokens[i + j]!.end, tokens[i + j + 1]!.start)))) continue;
    spans.push({ start: tokens[i]!.start, end: tokens[i + phrase.length - 1]!.end });
  }
  return spans;
}

/** Lines of the text with their offsets (blank lines dropped). */
export function lines(text: string): Segment[] {
  const out: Segment[] = [];
  let start = 0;
  for (const line of text.split("\n")) {
    if (line.trim()) out.push({ text: line, start, end: start + line.length });
    start += line.length + 1;
  }
  return out;
}

// A sentence ends at . ! ? (and any closing quotes or brackets) followed by a space or the end, so
// 68.4 and northwind.example are not ends; a semicolon ends a clause of the same weight.
const SENTENCE_END = /[.!?;]["')\]]*(?=\s|$)/g;

/** Where sentences end in a line: not inside brackets ("(weekly? monthly?)" is one aside). */
function sentenceEnds(line: string): number[] {
  const ends: number[] = [];
  let depth = 0;
  let scanned = 0;
  for (const m of line.matchAll(SENTENCE_END)) {
    for (; scanned < m.index; scanned++) {
      if (line[scanned] === "(") depth++;
      else if (line[scanned] === ")") depth = Math.max(0, depth - 1);
    }
    if (depth === 0) ends.push(m.index + m[0].length);
  }
  return ends;
}

/** Sentences within lines, with offsets into the text. */
export function sentences(text: string): Segment[] {
  const out: Segment[] = [];
  for (const line of lines(text)) {
    let from = 0;
    for (const end of sentenceEnds(line.text)) {
      if (line.text.slice(from, end).trim())
        out.push({ text: line.text.slice(from, end), start: line.start + from, end: line.start + end });
      from = end;
    }
    if (line.text.slice(from).trim()) out.push({ text: line.text.slice(from), start: line.start + from, end: line.end });
  }
  return out;
}

/** The first sentence end at or after `from` (or `limit`). */
export function sentenceEndAfter(text: string, from: number, limit: number): number {
  for (const m of text.slice(from, limit).matchAll(SENTENCE_END)) return from + m.index;
  return limit;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A value as a pattern: case-insensitive, any run of spaces for a space, an optional space after a
 * leading currency sign, not inside a longer word or number, trailing sentence punctuation optional.
 */
export function valuePattern(value: string): RegExp {
  const core = value.trim().replace(/[.!?]+$/, "");
  const body = escapeRegExp(core)
    .replace(/\s+/g, "\\s+")
    .replace(/^([£€$])/, "$1\\s?");
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}]|[.,]\\p{N})`, "giu");
}

export function findValues(text: string, values: readonly string[]): Span[] {
  const spans: Span[] = [];
  for (const v of values) for (const m of text.matchAll(valuePattern(v))) spans.push({ start: m.index, end: m.index + m[0].length });
  return spans;
}

/** Collapses whitespace and cuts to `max` characters around `focus` (an offset in the text). */
export function excerpt(text: string, max = 160, focus?: Span): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  if (!focus) return `${flat.slice(0, max - 1).trimEnd()}…`;
  const lead = text.length - text.trimStart().length;
  const centre = Math.max(0, (focus.start + focus.end) / 2 - lead);
  let from = Math.max(0, Math.round(centre - max / 2));
  from = Math.min(from, flat.length - max);
  const cut = flat.slice(from, from + max - 2).trim();
  return `${from > 0 ? "…" : ""}${cut}${from + max - 2 < flat.length ? "…" : ""}`;
}

/** Boundaries a backward window stops at: a comma or semicolon, or a sentence's end. */
export function lastBoundaryBefore(text: string, from: number, to: number): number {
  let at = from;
  for (const m of text.slice(from, to).matchAll(/[,;]|[.!?]["')\]]*(?=\s)/g)) at = from + m.index + m[0].length;
  return at;
}

/** Drops spans inside a longer span ("notifications" inside "push notifications"); equal spans stay. */
export function outermost<T extends Span>(spans: readonly T[]): T[] {
  return spans
    .filter((o) => !spans.some((x) => x.start <= o.start && x.end >= o.end && x.end - x.start > o.end - o.start))
    .sort((a, b) => a.start - b.start);
}

/** The sentence holding a span. */
export function sentenceAt(segments: readonly Segment[], at: Span): Segment | undefined {
  return segments.find((s) => s.start <= at.start && at.end <= s.end);
}

/** Lines of the answer's text that are exactly one of `items` (for structured answers, whose text lists each item on a line). */
export function withoutItemLines(text: string, items: readonly string[] | null): string {
  if (!items?.length) return text;
  const drop = new Set(
    items
      .flatMap((i) => normaliseAnswer(i).split("\n"))
      .map((l) => l.trim())
      .filter(Boolean),
  );
  return text
    .split("\n")
    .map((line) => (drop.has(line.trim()) ? "" : line))
    .join("\n");
}

const compiled = new Map<string, RegExp>();
/** A sample pattern, compiled once (case-insensitive, global so every match is seen). */
export function samplePattern(source: string): RegExp {
  let re = compiled.get(source);
  if (!re) {
    re = new RegExp(source, "gi");
    compiled.set(source, re);
  }
  re.lastIndex = 0;
  return re;
}

// Sentences that say something cannot be seen, or only guess at it, claim nothing.
const HEDGE =
  /\b(?:not (?:clearly |fully )?(?:visible|shown|displayed|legible|readable|listed|known)|(?:isn't|aren't|is not|are not) (?:visible|shown|displayed)|can(?:no|')t (?:see|tell|read|determine|confirm|know|be (?:seen|determined|read|confirmed))|cannot|unable to|hidden|unknown|unclear|not possible|no way to|may|might|could be|possibly|perhaps|presumably|not sure|uncertain|would need to|no\b[^.\n]{0,40}\b(?:visible|shown|displayed))\b/i;
export const isHedged = (sentence: string) => HEDGE.test(sentence);
