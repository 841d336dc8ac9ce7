import MiniSearch, { type SearchResult } from "minisearch";
import type { Passage } from "@/lib/tutor/passages";

// Retrieval over one lesson's passages with MiniSearch (BM25, in-process, no network, no
// embeddings): light stemming and stop words so "tokens per second" finds "tokens/s", prefix and
// small fuzzy matches for typos, headings weighted up. A question is "covered" when the best
// passage matches enough of its meaningful words; otherwise the tutor says the lesson does not
// cover it and offers the closest sections.

const STOP_WORDS = new Set(
  (
    "a an and are as at be been being but by can could did do does doing for from had has have how i if in into is it its " +
    "just me my of on or our should so than that the their them then there these they this those to too was we were what " +
    "when where which while who whom why will with would you your yours about tell explain mean means meaning lesson please " +
    "say says said thing things also any some much many more most very really whats what's actually someone somebody something " +
    "anything anyone everything else even though although go going goes through make makes made keep keeps need needs want wants " +
    "right now just bit am supposed whether instead out up myself yourself get gets thing kind sort way ok okay hey hi thanks " +
    "thank lot lots try trying simply exactly basically happen happens happened work works worked doesn isn can don didn won " +
    "wouldn shouldn aren wasn weren haven hasn couldn cannot let lets look looks like come comes take takes gave give " +
    "stuff bother even crazy totally super kinda gonna wanna " +
    // contractions as students type them, without the apostrophe; "not" and "vs" carry no topic
    "cant dont doesnt isnt wont didnt wouldnt shouldnt arent im ive youre not vs"
  ).split(/\s+/),
);

/** A deliberately small English stemmer: enough that plurals and -ing/-ed forms meet. */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith("ing")) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith("ed")) w = w.slice(0, -2);
  return w;
}

/** Words students use for what the lessons call by one name (both in the lesson and in questions). */
const SYNONYMS: Record<string, string> = { picture: "image", pic: "image", img: "image", screengrab: "screenshot" };

/**
 * Student words the lessons do not use, read as the lessons' words (in questions only): a question
 * about "hacking" the model with a screenshot is about prompt injection, a "blank" answer beside
 * reasoning text is the thinking lesson, a model name stands for its role in the lesson, and
 * "fit", "VRAM" or "GPU" ask about memory. Stemmed keys; the question keeps its own word too.
 */
const STUDENT_WORDS: Record<string, readonly string[]> = {
  cap: ["max", "limit"],
  partner: ["rater", "disagree"],
  classmate: ["rater", "disagree"],
  differently: ["disagree"],
  verdict: ["recommendation"],
  fairest: ["pair", "control"],
  fair: ["pair", "control"],
  hack: ["injection", "instruction"],
  scam: ["injection", "instruction"],
  scammer: ["injection", "instruction"],
  bot: ["model"],
  chatbot: ["model"],
  stick: ["add"],
  append: ["add"],
  shrink: ["resize", "scale"],
  invent: ["invent", "hidden"],
  confident: ["fluent", "fluency"],
  hacker: ["injection", "instruction"],
  trick: ["injection", "instruction"],
  jailbreak: ["injection", "instruction"],
  exploit: ["injection"],
  attack: ["injection"],
  malicious: ["injection"],
  blank: ["empty", "thinking"],
  nothing: ["empty"],
  reasoning: ["thinking"],
  vram: ["memory", "size_vram"],
  gpu: ["memory"],
  fit: ["memory", "resident"],
  ram: ["memory"],
  "llama3.2": ["text-only", "text"],
  llama: ["text-only", "text"],
  llama3: ["text-only", "text"],
  pic: ["image"],
  photo: ["image"],
  private: ["privacy", "local"],
  privacy: ["local", "cloud"],
  cheap: ["cost"],
  price: ["cost"],
  slow: ["speed", "second"],
  fast: ["speed", "second"],
  speed: ["second"],
  blurry: ["resize", "small"],
  tiny: ["small"],
  legal: ["licence"],
  license: ["licence"],
  commercial: ["licence"],
  sell: ["licence", "commercial"],
  pick: ["choose", "inspect"],
  crank: ["raise", "larger"],
  // quantisation as tags write it
  q8_0: ["quantisation", "quantization"],
  q4_k_m: ["quantisation", "quantization"],
  fp16: ["quantisation", "quantization"],
  quant: ["quantisation", "quantization"],
  normal: ["default"],
  blind: ["text-only"],
};

export function processTerm(term: string): string | null {
  const t = term.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  if (!t || STOP_WORDS.has(t)) return null;
  const stemmed = stem(t);
  return SYNONYMS[stemmed] ?? stemmed;
}

/** The lesson words a question term also stands for (its own first). */
export function expandTerm(term: string): string[] {
  const extra = STUDENT_WORDS[term];
  return extra ? [term, ...extra.map((w) => processTerm(w) ?? w)] : [term];
}

/** processTerm for questions: the term and the lesson words it stands for. */
function processQueryTerm(term: string): string[] | null {
  const processed = processTerm(term);
  return processed === null ? null : expandTerm(processed);
}

/** Student phrases read as the lessons' words before splitting ("made up" -> "invented"). */
const STUDENT_PHRASES: [RegExp, string][] = [
  [/\bmade[\s-]+up\b/gi, "invented"],
  [/\bmake[\s-]+(?:stuff|things)[\s-]+up\b/gi, "invent"],
  [/\bsound(?:s|ed)?\s+(?:super\s+|really\s+|very\s+)?sure\b/gi, "confident"],
  [/\b4k\b/gi, "3840x2160"],
  [/\b(?:can'?t|cannot|can not|doesn'?t|does not|couldn'?t|never) see\b/gi, "text-only"],
  [/\bplain\s+text\b/gi, "OCR text"],
  [/\b(\d+)\s?px\b/gi, "$1 pixels"],
  [/\b(\d+)\s?gb\b/gi, "$1 GB"],
];

/** Words, with model tags and numbers kept whole ("qwen2.5vl:3b", "1,196", "1280x720"). */
function tokenize(text: string): string[] {
  for (const [pattern, lessonWords] of STUDENT_PHRASES) text = text.replace(pattern, lessonWords);
  // Contractions lose their tail ("doesn't" -> "doesn", "what's" -> "what"): stop words either way.
  text = text.replace(/(\p{L})['’](?:s|t|d|ll|re|ve|m)\b/giu, "$1");
  return (
    text
      .split(/[\s,;!?()[\]{}"“”'‘’/|]+/)
      // A tag is found whole and by its parts ("qwen3-vl:4b-instruct-q8_0" also as "instruct", "q8_0").
      .flatMap((t) => (/[:.x]/.test(t) && /\d/.test(t) ? [...new Set([t, ...t.split(/[:.]/), ...t.split(/[-:.]/)])] : t.split(/[-:.]/)))
  );
}

export type TutorIndex = {
  search: MiniSearch<Passage>;
  passages: Map<string, Passage>;
  /** section passages by anchor */
  sections: Map<string, Passage>;
  /** in how many passages each processed term occurs */
  documentFrequency: Map<string, number>;
};

export function buildIndex(passages: readonly Passage[]): TutorIndex {
  const search = new MiniSearch<Passage>({
    fields: ["title", "text"],
    storeFields: ["id"],
    tokenize,
    processTerm,
    searchOptions: {
      boost: { title: 2 },
      prefix: (t) => t.length > 4,
      fuzzy: (t) => (t.length > 6 ? 0.15 : false),
      combineWith: "OR",
      processTerm: processQueryTerm,
    },
  });
  search.addAll(passages as Passage[]);
  const documentFrequency = new Map<string, number>();
  for (const p of passages) {
    for (const term of new Set(meaningfulTerms(`${p.title} ${p.text}`)))
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  return {
    search,
    passages: new Map(passages.map((p) => [p.id, p])),
    sections: new Map(passages.filter((p) => p.kind === "section").map((p) => [p.anchor, p])),
    documentFrequency,
  };
}

export type Hit = { anchor: string; title: string; score: number; passage: Passage; matched: string[] };

export type Retrieval = {
  /** the passages to answer from, best first, at most one per anchor */
  hits: Hit[];
  covered: boolean;
  /** meaningful words of the question, after stop words and stemming */
  queryTerms: string[];
};

/** Minimum share of the question's meaningful words the best passage must contain. */
export const MIN_COVERAGE = 0.3;
/** Minimum BM25 score of the best passage. */
export const MIN_SCORE = 2;

/**
 * Names the lesson never mentions, written as names: capitalised inside the question ("iPhone",
 * "LoRA", "AWS", "H100"). A question about one is about something else.
 */
export function foreignNames(index: TutorIndex, question: string): string[] {
  const words = tokenize(question);
  return words.filter((word, i) => {
    const named = (i > 0 && /\p{Lu}/u.test(word)) || /.\p{Lu}/u.test(word);
    const term = processTerm(word);
    return named && term !== null && !index.documentFrequency.has(term);
  });
}

export function meaningfulTerms(question: string): string[] {
  return [
    ...new Set(
      tokenize(question)
        .map(processTerm)
        .filter((t): t is string => Boolean(t)),
    ),
  ];
}

/**
 * How much of the question the best passage answers, each word weighted by how rare it is in the
 * lesson (inverse document frequency): a word the lesson never uses ("LoRA", "bitcoin") weighs
 * most, so "fine-tune qwen2.5-vl with LoRA" is not covered just because "qwen2.5-vl" is.
 */
export function coverageOf(index: TutorIndex, queryTerms: readonly string[], matched: readonly string[]): number {
  const n = index.passages.size;
  const idf = (term: string) => Math.log(1 + n / (1 + (index.documentFrequency.get(term) ?? 0)));
  const matchedSet = new Set(matched);
  let total = 0;
  let got = 0;
  for (const term of queryTerms) {
    // A student's word counts as found when the lesson word it stands for is (weighted as the rarer).
    const forms = expandTerm(term);
    const weight = Math.max(...forms.map(idf));
    total += weight;
    if (forms.some((form) => matchedSet.has(form))) got += weight;
  }
  return total ? got / total : 0;
}

/** How much a quiz explanation's match counts beside the lesson's own text. */
const QUIZ_WEIGHT = 0.3;

/** Hits within this share of the best one's score are answered from together. */
const USED_SHARE = 0.6;
/** What the best passage alone must cover of the question. */
const MIN_OWN_COVERAGE = 0.25;

export function retrieve(index: TutorIndex, question: string, limit = 3): Retrieval {
  const queryTerms = meaningfulTerms(question);
  if (!queryTerms.length) return { hits: [], covered: false, queryTerms };
  const results: SearchResult[] = index.search.search(question);
  const byAnchor = new Map<string, Hit>();
  for (const r of results) {
    const passage = index.passages.get(r.id as string)!;
    // A quiz question's explanations mention many things at once: they lend a little, never lead.
    if (passage.kind === "quiz") r.score *= QUIZ_WEIGHT;
    // Text from beside the lesson counts as much as its author says (the long rubric, less).
    else if (passage.weight !== undefined) r.score *= passage.weight;
    const existing = byAnchor.get(passage.anchor);
    // A term or quiz passage lends its score to the section it cites; the section's own text is quoted.
    if (!existing) {
      byAnchor.set(passage.anchor, { anchor: passage.anchor, title: passage.title, score: r.score, passage, matched: r.queryTerms });
    } else {
      existing.score += r.score * 0.5;
      existing.matched = [...new Set([...existing.matched, ...r.queryTerms])];
      if (existing.passage.kind !== "section" && passage.kind === "section") existing.passage = passage;
    }
  }
  const hits = [...byAnchor.values()].sort((a, b) => b.score - a.score).slice(0, limit);
  // Quote the section itself, not the glossary line or quiz explanation that pointed at it.
  for (const hit of hits) if (hit.passage.kind !== "section") hit.passage = index.sections.get(hit.anchor) ?? hit.passage;
  const best = hits[0];
  // Judged over the passages the answer will use, not the best one alone: "OCR versus a vision
  // model" is answered by two sections, each holding half the words.
  const used = best ? hits.filter((h) => h.score >= best.score * USED_SHARE) : [];
  const coverage = best ? coverageOf(index, queryTerms, [...new Set(used.flatMap((h) => h.matched))]) : 0;
  // The best passage must hold a fair part of the question itself: two passages that each share a
  // common word with an off-topic question do not make it covered.
  const ownCoverage = best ? coverageOf(index, queryTerms, best.matched) : 0;
  const covered =
    Boolean(best && best.score >= MIN_SCORE && coverage >= MIN_COVERAGE && ownCoverage >= MIN_OWN_COVERAGE) &&
    foreignNames(index, question).length === 0;
  return { hits, covered, queryTerms };
}
