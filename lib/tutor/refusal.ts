// What the tutor will not do: hand out quiz answers, or write (or decide) the student's lab
// write-up. Such requests get the sections to read instead. Rules, not a model: they must hold
// whether or not a model is available, and a model must never be the one deciding.

export type RefusalKind = "quiz" | "write-up";

const QUIZ_REF =
  /\b(quiz|question\s*#?\s*\d+|q\s*#?\d+\b|number\s+\d+|(?:the|that|this)\s+(?:[\w.,'’:+-]+\s+){0,6}(?:one|question)\b|grader|mark(?:ing)?\s+scheme|answer\s+key|key\b)/i;
const ANSWER_ASK =
  /\b(answers?|key|solutions?|correct|right|wrong|which\s+(?:ones?|options?|choices?|answers?|of)|what\s+(?:options?|choices?)|mark|tick|select|pick|choose|rule\s+out|letters?|real\s+ones|score\s+me)\b|\bis\s+it\s+\S+\s+or\s+\S+/i;
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
  /\b(write|draft|compose|generate|produce|create|finish|complete|fill\s+in|fill\s+out|do|make|give\s+me|come\s+up\s+with|rewrite|paraphrase|word|turn\s+(?:this|that|it|these)\s+into|hand\s+in)\b/i;
const WRITE_UP_PART =
  /\b(recommendation|write-?\s?up|writeup|paragraph|lab\s+report|my\s+notes?|the\s+notes?\s+for|surprising\s+failure|cannot[\s-]+know|can'?t[\s-]+know|rating|ratings|verdict|my\s+lab|for\s+my\s+submission)\b/i;
const DECIDE_FOR_ME =
  /\bwhat\s+(?:rating|score|stars?)\s+should\s+i\s+give\b|\b(?:rate|grade)\s+(?:it|them|the\s+answers?)\s+for\s+me\b|\bfinish\s+(?:this|my)\s+sentence\b/i;
const HOW_TO =
  /^\s*(?:what|how|why|when|where|which)\b[^?]*\b(?:should|does|do|is|are|makes?|can)\b[^?]*\b(?:contain|include|look\s+like|good|strong|structure|graded|work|mean|count)\b|^\s*how\s+(?:should|do|can|would)\s+i\s+(?:write|word|structure|phrase|set\s+out)\b/i;

/** Quiz prompts, normalised, to catch a pasted question. */
export type QuizStems = readonly string[];

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
export function refusalKind(question: string, stems: QuizStems = []): RefusalKind | null {
  const q = question.trim();
  if (DECIDE_FOR_ME.test(q)) return "write-up";
  if (PRODUCE.test(q) && WRITE_UP_PART.test(q) && !HOW_TO.test(q)) return "write-up";
  if (ALL_ANSWERS.test(q) && /\b(quiz|correct|right|answers?|key)\b/i.test(q)) return "quiz";
  if (OPTION_LETTER.test(q) || ANSWER_SHEET.test(q)) return "quiz";
  if (quotesQuiz(q, stems) && (ANSWER_ASK.test(q) || /\?\s*$/.test(q) || /\banswer\b/i.test(q))) return "quiz";
  // "I got the prefill question wrong: explain prefill" is asking to learn, not for the key.
  if (EXPLAIN.test(q) && !STRICT_ASK.test(q)) return null;
  if (QUIZ_REF.test(q) && ANSWER_ASK.test(q) && !HOW_TO.test(q)) return "quiz";
  return null;
}

export const REFUSAL_MESSAGES: Record<RefusalKind, string> = {
  quiz: "I won't give quiz answers: the quiz is there to show you what stuck. These sections explain what it asks about.",
  "write-up":
    "I won't write or decide your lab write-up: the judgement is the point of the exercise, and your instructor grades your own. These sections will help you write it.",
};
