// How much of a screenshot's visible text an answer got right, against the sample's ground truth.
// Word recall: share of the truth's words the answer contains (as a multiset). Word precision:
// share of the answer's words that are in the truth (low = invented text). Character error rate:
// edit distance between the two texts over the truth's length (0 is perfect; can exceed 1).

import type { TextAccuracy } from "@/lib/lab/schemas";

const MAX_CHARS = 6000;

export function normaliseForScoring(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[‘’ʼ`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[‐‑‒–—−]/g, "-")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_CHARS);
}

export function wordsOf(text: string): string[] {
  return normaliseForScoring(text).match(/[\p{L}\p{N}]+(?:[.,:'][\p{N}\p{L}]+)*/gu) ?? [];
}

function multisetOverlap(a: string[], b: string[]): number {
  const counts = new Map<string, number>();
  for (const w of b) counts.set(w, (counts.get(w) ?? 0) + 1);
  let overlap = 0;
  for (const w of a) {
    const n = counts.get(w) ?? 0;
    if (n > 0) {
      overlap++;
      counts.set(w, n - 1);
    }
  }
  return overlap;
}

/** Levenshtein distance with two rows: O(n*m) time, O(m) memory. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function scoreVisibleText(truthLines: readonly string[], answer: string): TextAccuracy {
  const truthText = truthLines.join(" ");
  const truthWords = wordsOf(truthText);
  const answerWords = wordsOf(answer);
  const overlap = multisetOverlap(truthWords, answerWords);
  const truthNorm = wordsOf(truthText).join(" ");
  const answerNorm = answerWords.join(" ");
  return {
    wordRecall: truthWords.length ? round(overlap / truthWords.length) : 1,
    wordPrecision: answerWords.length ? round(multisetOverlap(answerWords, truthWords) / answerWords.length) : 0,
    charErrorRate: truthNorm.length ? round(editDistance(truthNorm, answerNorm) / truthNorm.length) : answerNorm.length ? 1 : 0,
    truthWords: truthWords.length,
    answerWords: answerWords.length,
  };
}
