import type { SampleInvention } from "@/lib/lab/sample-schema";
import type { Invention, InventionsScore, ScoredAnswer } from "@/lib/lab/scoring/types";
import { excerpt, isHedged, normaliseAnswer, samplePattern, sentences, withoutItemLines } from "@/lib/lab/scoring/text";

// Claims about what is not visible. A pattern's match counts unless its sentence says the thing cannot
// be seen or only guesses ("may", "not shown"), or its clause denies it ("the browser does not talk to
// Ollama"); the uncertainties of a structured answer are never searched.

const CLAUSE_BREAK = /[,;:]|\b(?:but|while|whereas|although|though|however)\b/gi;
const NEGATION = /\b(?:not|never|cannot|can't|isn't|aren't|doesn't|don't|didn't|won't|wasn't|weren't|neither|nor)\b/i;

function clauseAround(sentence: string, at: number): string {
  let start = 0;
  let end = sentence.length;
  for (const m of sentence.matchAll(CLAUSE_BREAK)) {
    if (m.index < at) start = m.index + m[0].length;
    else if (m.index >= at) {
      end = m.index;
      break;
    }
  }
  return sentence.slice(start, end);
}

export function scoreInventions(inventions: readonly SampleInvention[], answer: ScoredAnswer): InventionsScore {
  const text = withoutItemLines(normaliseAnswer(answer.text), answer.uncertainties);
  const found: Invention[] = [];
  const all = sentences(text);
  for (const invention of inventions) {
    let evidence: string | null = null;
    for (const sentence of all) {
      if (isHedged(sentence.text)) continue;
      for (const source of invention.patterns) {
        for (const m of sentence.text.matchAll(samplePattern(source))) {
          // The match's own clause, so "no failures" still counts but "Ollama is not linked to the browser" does not.
          if (NEGATION.test(clauseAround(sentence.text, m.index))) continue;
          evidence = excerpt(sentence.text, 160, { start: m.index, end: m.index + m[0].length });
          break;
        }
        if (evidence) break;
      }
      if (evidence) break;
    }
    if (evidence) found.push({ id: invention.id, description: invention.description, evidence });
  }
  return { checked: inventions.length, inventions: found };
}
