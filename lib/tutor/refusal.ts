// What the tutor will not do: hand out quiz answers, or write (or decide) the student's lab
// write-up. Such requests get the sections to read instead. Rules, not a model: they must hold
// whether or not a model is available, and a model must never be the one deciding.

export type RefusalKind = "quiz" | "write-up";

const QUIZ_REF =
  /\b(quiz|question\s*#?\s*\d+|q\s*#?\d+\b|number\s+\d+|(?:the|that|this)\s+(?:[\w.,'’:+-]+\s+){0,6}(?:one|question)\b|grader|mark(?:ing)?\s+scheme|answer\s+key|key\b)/i;
const ANSWER_ASK =
  /\b(answers?|key|solutions?|correct|right|wrong|which\s+(?:ones?|options?|choices?|answers?|of)|what\s+(?:options?|choices?)|mark|tick|select|pick|choose|rule\s+out|letters?|real\s+ones|score\s+me)\b|\bis\s+it\s+\S+\s+or\s+\S+|\b(?:should|would|could|will)\s+(?:it|that|the\s+answer)\s+be\b|\bgo\s+with\b/i;
/** Choosing between things: what a quiz option is. */
const CHOOSE =
  /\bone\s+of\s+the\s+(?:real|right|correct|true)\b|\bor\s+(?:a\s+)?(?:trap|distractor)\b|\b(?:should|would|could|will)\s+(?:it|that|i|the\s+answer)\s+(?:be|pick|choose|go|say|tick)\b|\bis\s+it\s+[^?]{1,40}\s+or\s+|\bor\s+is\s+it\b|\bwhich\s+(?:one|tag|model|option|size|reading|statement|number|figure|is)\b|\b(?:pick|choose|tick|select|go\s+with)\b|\bright\s+or\s+wrong\b|\btrue\s+or\s+false\b|\byes\s+or\s+no\b|\bcorrect\b/i;
/** A particular quiz question named: "q6", "question 6", "the 8 GB laptop question". */
const SPECIFIC_QUIZ_REF =
  /\b(?:question\s*#?\s*\d+|q\s*#?\d+\b|number\s+\d+|(?:the|that|this)\s+(?:[\w.,'’:+-]+\s+){0,6}(?:one|question)\b)/i;
/** Asking for the key itself, not for an explanation. */
const STRICT_ASK =
  /\b(?:which|what)\s+(?:ones?|options?|choices?|answers?|letters?|statements?)\b|\b(?:tick|select|pick|choose|rule\s+out|letters?)\b|\bright\s+or\s+wrong\b|\bis\s+(?:it|that)\s+(?:right|correct)\b|\banswer\s+(?:to|for|key)\b|\bis\s+it\s+\S+\s+or\s+\S+/i;
const EXPLAIN = /\b(?:explain|understand|teach\s+me|help\s+me\s+see|what\s+\w+\s+(?:is|means)|why\s+(?:does|is|do))\b/i;
const OPTION_LETTER =
  /\b(?:option|choice|answer)\s*\(?[a-f]\)?(?=[\s,.?!]|$)|\bis\s+it\s+\(?[a-f]\)?\s+or\s+\(?[a-f]\)?(?=[\s,.?!]|$)|\b[a-f]\s+or\s+[a-f]\b/i;
/** "1a, 2ab, 3a": an answer sheet to be checked. */
const ANSWER_SHEET = /\b\d{1,2}\s*[a-f]{1,4}\b[\s,;]+\d{1,2}\s*[a-f]{1,4}\b/i;
const ALL_ANSWERS = /\b(all|every|each)\s+(?:the\s+)?(?:quiz\s+)?(?:answers|questions|correct\s+(?:choices|options|answers))\b/i;

const PRODUCE =
  /\b(write|draft|compose|generate|produce|create|finish|complete|fill\s+in|fill\s+out|do\s+(?:my|the|it|this|that)|make|give\s+me|come\s+up\s+with|rewrite|paraphrase|word|turn\s+(?:this|that|it|these)\s+into|hand\s+in|paste\s+(?:it\s+)?in)\b/i;
const WRITE_UP_PART =
  /\b(recommendation|write-?\s?up|writeup|paragraph|lab\s+report|my\s+notes?|the\s+notes?\s+for|surprising\s+failure|cannot[\s-]+know|can'?t[\s-]+know|could(?:n'?t|\s+not)[\s-]+know|rating|ratings|verdict|my\s+lab(?!\s+partner)|for\s+my\s+submission)\b/i;
const DECIDE_FOR_ME =
  /\bwhat\s+(?:rating|score|stars?)\s+should\s+i\s+give\b|\b(?:rate|grade)\s+(?:it|them|the\s+answers?)\s+for\s+me\b|\bfinish\s+(?:this|my)\s+sentence\b|\bhow\s+many\s+(?:out\s+of\s+\d+|stars|points)\s+should\b|\bshould\s+(?:it|the\s+\w+(?:\s+\w+)?\s+model)\s+get\b|\bwhat(?:'?s|\s+is)\s+my\s+(?:verdict|recommendation|rating)\b|\buse\s+it\s+or\s+(?:not|narrow)\b/i;
const HOW_TO =
  /^\s*(?:what|how|why|when|where|which)\b[^?]*\b(?:should|does|do|is|are|makes?|can)\b[^?]*\b(?:contain|include|look\s+like|good|strong|structure|graded|work|mean|count)\b|^\s*how\s+(?:should|do|can|would)\s+i\s+(?:write|word|structure|phrase|set\s+out)\b/i;

/** Quiz prompts, normalised, to catch a pasted question. */
export type QuizStems = readonly string[];

/** One version of a quiz item: its stem and its options' texts (every variant of every slot). */
export type QuizItemText = { stem: string; options: readonly string[] };

const CONTENT_STOP = new Set(
  (
    "about above after again also and any are because been before being below between both but can could did does doing down during each few " +
    "for from further had has have having here how into its itself just more most not now off once only other our out over own same she should " +
    "some such than that the their them then there these they this those through too under until very was were what when where which while who " +
    "whom why will with would you your yours quiz question questions answer answers option options lesson please tell explain know one ones first " +
    "best sensible roughly about what's whats does doesn isn"
  ).split(/\s+/),
);

/** A text's content words: four letters or more, or a tag or number ("qwen3-vl:2b", "1,077", "8gb"). */
function contentWords(text: string): Set<string> {
  const tokens = (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}.,:_-]*[\p{L}\p{N}]|[\p{N}]/gu) ?? []).flatMap((t) =>
    // "8gb" is "8 GB" in the quiz's words.
    /^\d+[a-z]+$/.test(t) ? [t.replace(/[a-z]+$/, ""), t.replace(/^\d+/, "")] : [t],
  );
  return new Set(
    tokens
      .map((t) => t.replace(/,(?=\d{3}\b)/g, ""))
      .filter((t) => !CONTENT_STOP.has(t) && (t.length >= 4 || /\d/.test(t)))
      .map((t) => (t.length > 4 && t.endsWith("s") && !t.endsWith("ss") ? t.slice(0, -1) : t)),
  );
}

/** Tags and numbers in an option: what a student names when asking "is it X?". */
function distinctive(text: string): Set<string> {
  return new Set([...contentWords(text)].filter((w) => /\d/.test(w) || w.includes(":")));
}

/**
 * Whether the question is about a quiz item, by similarity over the quiz file (every version of
 * every slot), not by phrasing: it paraphrases a stem (most of its content words are that stem's),
 * or it asks to choose while sharing the stem's topic and naming one of that item's options.
 */
export function matchesQuizItem(question: string, items: readonly QuizItemText[]): boolean {
  const { common } = quizVocabulary(items);
  // Words the quiz uses everywhere ("tokens", "screenshot", "Ollama") say nothing about which item.
  const asked = new Set([...contentWords(question)].filter((w) => !common.has(w)));
  if (asked.size === 0) return false;
  const choosing = CHOOSE.test(question);
  // "Why did the model list a closed dropdown's options?" asks to understand a failure the quiz
  // also describes; it is answered unless it asks to choose.
  const understanding = /^\s*(?:why|how\s+(?:does|do|did|is|come|can))\b/i.test(question) && !choosing;
  return items.some((item) => {
    const stemWords = contentWords(item.stem);
    const shared = [...asked].filter((w) => stemWords.has(w)).length;
    if (!understanding && shared >= 3 && shared / asked.size >= 0.5) return true;
    if (!choosing || shared < 2) return false;
    return item.options.some((option) => {
      const words = contentWords(option);
      const named = [...distinctive(option)].some((w) => asked.has(w) && !stemWords.has(w));
      const overlap = [...asked].filter((w) => words.has(w) && !stemWords.has(w)).length;
      return named || overlap >= 2;
    });
  });
}

const vocabularies = new WeakMap<readonly QuizItemText[], { common: Set<string> }>();

/** The quiz's common words: in more than one item in four (each item's stem and options together). */
function quizVocabulary(items: readonly QuizItemText[]): { common: Set<string> } {
  let vocabulary = vocabularies.get(items);
  if (!vocabulary) {
    const counts = new Map<string, number>();
    for (const item of items) {
      const words = new Set([...contentWords(item.stem), ...item.options.flatMap((o) => [...contentWords(o)])]);
      for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    vocabulary = { common: new Set([...counts].filter(([, n]) => n > items.length / 4).map(([w]) => w)) };
    vocabularies.set(items, vocabulary);
  }
  return vocabulary;
}

const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();

/** Whether `question` quotes at least `n` consecutive words of a quiz prompt. */
function quotesQuiz(question: string, stems: QuizStems, n = 6): boolean {
  const words = normalise(question).split(" ");
  if (words.length < n) return false;
  const grams = new Set<string>();
  for (let i = 0; i + n <= words.length; i++) grams.add(words.slice(i, i + n).join(" "));
  return stems.some((stem) => {
    const s = normalise(stem).split(" ");
    for (let i = 0; i + n <= s.length; i++) if (grams.has(s.slice(i, i + n).join(" "))) return true;
    return false;
  });
}

/** The kind of request the tutor must not fulfil, or null for an ordinary question. */
export function refusalKind(question: string, stems: QuizStems = [], items: readonly QuizItemText[] = []): RefusalKind | null {
  const q = question.trim();
  // A lesson without a quiz: only an explicit ask for quiz answers is about a quiz.
  const hasQuiz = stems.length > 0 || items.length > 0;
  if (DECIDE_FOR_ME.test(q)) return "write-up";
  if (PRODUCE.test(q) && WRITE_UP_PART.test(q) && !HOW_TO.test(q)) return "write-up";
  if (ALL_ANSWERS.test(q) && /\b(quiz|correct|right|answers?|key)\b/i.test(q)) return "quiz";
  if (OPTION_LETTER.test(q) || ANSWER_SHEET.test(q)) return "quiz";
  if (quotesQuiz(q, stems) && (ANSWER_ASK.test(q) || /\?\s*$/.test(q) || /\banswer\b/i.test(q))) return "quiz";
  // "I got the prefill question wrong: explain prefill" is asking to learn, not for the key.
  if (EXPLAIN.test(q) && !STRICT_ASK.test(q)) return null;
  // A named quiz question with anything asked of it ("quiz q6: about how many tokens ...").
  // ("q6:" is a question number; "the q4 one I download" is a quantisation.)
  if (
    SPECIFIC_QUIZ_REF.test(q) &&
    /\bquiz\b|(?:^|\s)q\s*#?\d+\s*[:?.,)]|\bquestion\s*#?\s*\d+/i.test(q) &&
    (hasQuiz || /\bquiz\b/i.test(q))
  )
    return "quiz";
  if (matchesQuizItem(q, items)) return "quiz";
  // "which one I'm talking about" is a pronoun, not "the ... one" of the quiz.
  const quizRef = QUIZ_REF.test(q.replace(/\bwhich\s+one\b/gi, "which"));
  if (quizRef && ANSWER_ASK.test(q) && !HOW_TO.test(q) && (hasQuiz || /\b(?:quiz|answer\s+key|grader)\b/i.test(q))) return "quiz";
  return null;
}

export const REFUSAL_MESSAGES: Record<RefusalKind, string> = {
  quiz: "I won't give quiz answers: the quiz is there to show you what stuck. These sections explain what it asks about.",
  "write-up":
    "I won't write or decide your lab write-up: the judgement is the point of the exercise, and your instructor grades your own. These sections will help you write it.",
};

type QuizFileLike = {
  questions: readonly {
    prompt: string;
    options: readonly { text: string }[];
    alternatives: readonly { prompt: string; options: readonly { text: string }[] }[];
  }[];
};

/** Every version of every slot in a quiz file, as the refusal compares against them. */
export function quizItemTexts(quiz: QuizFileLike | null): QuizItemText[] {
  if (!quiz) return [];
  return quiz.questions.flatMap((q) => [
    { stem: q.prompt, options: q.options.map((o) => o.text) },
    ...q.alternatives.map((a) => ({ stem: a.prompt, options: a.options.map((o) => o.text) })),
  ]);
}
