import { processTerm } from "@/lib/tutor/retrieve";

// The part of a passage worth quoting for a question: the paragraph that shares most of the
// question's words, then the paragraphs after it while they fit. Pure.

function termsOf(text: string): Set<string> {
  return new Set(
    text
      .split(/[^\p{L}\p{N}_.:+-]+/u)
      .map(processTerm)
      .filter((t): t is string => Boolean(t)),
  );
}

/** At most `maxChars`, cut at a sentence or word end with an ellipsis when shortened. */
export function clip(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const sentence = Math.max(cut.lastIndexOf(". "), cut.lastIndexOf("? "), cut.lastIndexOf("! "));
  if (sentence > maxChars * 0.6) return cut.slice(0, sentence + 1);
  const word = cut.lastIndexOf(" ");
  return `${cut.slice(0, word > 0 ? word : maxChars).replace(/[\s,;:]+$/, "")} …`;
}

export function excerptFor(text: string, queryTerms: readonly string[], maxChars: number): string {
  const paragraphs = text
    .split("\n")
    .map((p) => p.trim())
    .filter(Boolean);
  if (!paragraphs.length) return "";
  const wanted = new Set(queryTerms);
  let best = 0;
  let bestScore = -1;
  paragraphs.forEach((p, i) => {
    const terms = termsOf(p);
    const score = [...wanted].filter((t) => terms.has(t)).length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  let out = paragraphs[best]!;
  for (let i = best + 1; i < paragraphs.length && out.length + paragraphs[i]!.length + 1 <= maxChars; i++) out += `\n${paragraphs[i]}`;
  return clip(out, maxChars);
}
