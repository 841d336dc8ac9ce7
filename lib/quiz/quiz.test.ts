import { fc, test } from "@fast-check/vitest";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { quizFile, readQuizFile } from "@/lib/quiz/server/content";
import { gradeAnswers } from "@/lib/quiz/grading";
import { publicOptionId, toPublicQuiz } from "@/lib/quiz/server/public";
import { QUIZ_LENGTH, quizFileSchema, type Quiz, type QuizTemplate } from "@/lib/quiz/schema";
import { seededShuffle } from "@/lib/quiz/shuffle";
import { userViewer } from "@/lib/quiz/server/viewer";
import { CONTENT_DIR } from "@/lib/content/server/files";

const quiz = readQuizFile(quizFile("local-qwen-vl"));
const keyOf = (q: Quiz["questions"][number]) => q.options.filter((o) => o.correct).map((o) => o.id);
const viewer = userViewer("quiz-test-user");

describe("the flagship quiz file", () => {
  it("has 15 questions, both kinds, every option explained", () => {
    expect(quiz.questions).toHaveLength(QUIZ_LENGTH);
    expect(new Set(quiz.questions.map((q) => q.kind))).toEqual(new Set(["single", "multiple"]));
    for (const q of quiz.questions) for (const o of q.options) expect(o.explanation.length).toBeGreaterThan(20);
  });
});

describe("quiz validation", () => {
  const raw = parse(readFileSync(quizFile("local-qwen-vl"), "utf8")) as QuizTemplate;
  const refuse = (change: (q: QuizTemplate) => void, message: RegExp) => {
    const copy = structuredClone(raw);
    change(copy);
    const result = quizFileSchema.safeParse(copy);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n")).toMatch(message);
  };

  it("refuses 14 questions", () => refuse((q) => q.questions.pop(), /questions: must have exactly 15 questions/));
  it("refuses an option without an explanation", () =>
    refuse((q) => (q.questions[0]!.options[1]!.explanation = ""), /questions\.0\.options\.1\.explanation/));
  it("refuses a question with no right option", () =>
    refuse((q) => q.questions[1]!.options.forEach((o) => (o.correct = false)), /questions\.1\.options: needs at least one correct option/));
  it("refuses a single-choice question with two right options", () => {
    const i = raw.questions.findIndex((q) => q.kind === "single");
    refuse((q) => q.questions[i]!.options.forEach((o) => (o.correct = true)), /exactly one correct option/);
  });
  it("refuses a duplicate question id", () => refuse((q) => (q.questions[2]!.id = q.questions[3]!.id), /is used twice/));

  it("refuses a file whose keys can be spotted by their length", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ll-quiz-"));
    const file = path.join(dir, "local-qwen-vl.yaml");
    const copy = structuredClone(raw);
    for (const q of copy.questions.filter((x) => x.kind === "single"))
      for (const o of q.options) if (o.correct) o.text = `${o.text}, which is what the lesson explains at length in its own words`;
    writeFileSync(file, stringify(copy));
    expect(() => readQuizFile(file)).toThrow(/has answer cues: .*longest/);
  });

  it("checks concepts and sections against the lesson, naming the file", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ll-quiz-"));
    cpSync(path.join(CONTENT_DIR, "quizzes"), dir, { recursive: true });
    const file = path.join(dir, "local-qwen-vl.yaml");
    const copy = structuredClone(raw);
    copy.questions[4]!.concept = "telepathy";
    writeFileSync(file, stringify(copy));
    expect(() => readQuizFile(file)).toThrow(/local-qwen-vl\.yaml: questions\.4\.concept: "telepathy" is not a key term/);
  });
});

describe("grading", () => {
  const single = quiz.questions.find((q) => q.kind === "single")!;
  const multiple = quiz.questions.find((q) => q.kind === "multiple")!;
  const wrongOf = (q: Quiz["questions"][number]) => q.options.filter((o) => !o.correct).map((o) => o.id);

  it("scores a perfect sheet 15/15 and an empty one 0/15", () => {
    expect(gradeAnswers(quiz, Object.fromEntries(quiz.questions.map((q) => [q.id, keyOf(q)]))).score).toBe(15);
    const empty = gradeAnswers(quiz, {});
    expect(empty).toMatchObject({ score: 0, total: 15 });
    expect(empty.questions.every((q) => !q.isAnswered && !q.isCorrect)).toBe(true);
  });

  it("single choice: the one right option, nothing else", () => {
    expect(gradeAnswers(quiz, { [single.id]: keyOf(single) }).score).toBe(1);
    expect(gradeAnswers(quiz, { [single.id]: [wrongOf(single)[0]!] }).score).toBe(0);
  });

  it("multiple select: exactly the right set; partial or extra picks score nothing but are reported", () => {
    const key = keyOf(multiple);
    expect(gradeAnswers(quiz, { [multiple.id]: key }).score).toBe(1);
    const partial = gradeAnswers(quiz, { [multiple.id]: key.slice(1) }).questions.find((q) => q.questionId === multiple.id)!;
    expect(partial).toMatchObject({ isCorrect: false, isAnswered: true, rightChosen: key.length - 1, wrongChosen: 0 });
    const extra = gradeAnswers(quiz, { [multiple.id]: [...key, wrongOf(multiple)[0]!] }).questions.find(
      (q) => q.questionId === multiple.id,
    )!;
    expect(extra).toMatchObject({ isCorrect: false, rightChosen: key.length, wrongChosen: 1 });
  });

  it("ignores unknown option ids and duplicates", () => {
    expect(gradeAnswers(quiz, { [single.id]: [...keyOf(single), ...keyOf(single), "zz"] }).score).toBe(1);
  });

  it("summarises per concept", () => {
    const grade = gradeAnswers(quiz, { [single.id]: keyOf(single) });
    const total = Object.values(grade.concepts).reduce((n, c) => n + c.total, 0);
    expect(total).toBe(15);
    expect(grade.concepts[single.concept]!.correct).toBeGreaterThanOrEqual(1);
  });
});

describe("public quiz and shuffling", () => {
  it("sends no key and no explanation, and option ids that do not reveal the authored order", () => {
    const pub = toPublicQuiz(quiz, viewer, "5eed5eed");
    const text = JSON.stringify(pub);
    expect(text).not.toMatch(/"correct"|"explanation"/);
    for (const q of quiz.questions) for (const o of q.options) expect(text).not.toContain(o.explanation);
    expect(pub.questions.every((q) => q.options.every((o) => !/^[a-h]$/.test(o.id)))).toBe(true);
  });

  test.prop([fc.string({ minLength: 1, maxLength: 24 })])("a shuffle keeps every option, and the key still grades right", (seed) => {
    const pub = toPublicQuiz(quiz, viewer, seed);
    for (const q of quiz.questions) {
      const shuffled = pub.questions.find((p) => p.id === q.id)!.options;
      const sorted = [...shuffled].sort((a, b) => a.id.localeCompare(b.id));
      expect(sorted.map((o) => o.id)).toEqual(
        q.options.map((o) => publicOptionId(viewer, quiz.lesson, q.id, o.id)).sort((a, b) => a.localeCompare(b)),
      );
      expect(toPublicQuiz(quiz, viewer, seed).questions.find((p) => p.id === q.id)!.options).toEqual(shuffled);
      expect(seededShuffle(sorted, seed, q.id)).toEqual(shuffled);
      // The right public ids, found among the shuffled options, map back to the key.
      const rightPublic = keyOf(q).map((id) => publicOptionId(viewer, quiz.lesson, q.id, id));
      const picked = shuffled.filter((o) => rightPublic.includes(o.id)).map((o) => o.id);
      expect(picked.sort()).toEqual([...rightPublic].sort());
    }
  });

  it("different attempts see different orders", () => {
    const orders = new Set(
      ["s1", "s2", "s3", "s4", "s5", "s6"].map((s) =>
        toPublicQuiz(quiz, viewer, s)
          .questions[0]!.options.map((o) => o.id)
          .join(),
      ),
    );
    expect(orders.size).toBeGreaterThan(1);
  });
});
