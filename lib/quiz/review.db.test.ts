import { describe, expect, it } from "vitest";
import { quizFile, readQuizFile } from "@/lib/quiz/server/content";
import { gradeAnswers, type AnswerSheet } from "@/lib/quiz/grading";
import { publicOptionId, StaleQuizError, toCanonicalOptions, toPublicQuiz } from "@/lib/quiz/server/public";
import { buildResultView } from "@/lib/quiz/server/results";
import type { QuizResultView } from "@/lib/quiz/types";
import { describeResult, describeReviewPolicy, parseReviewPolicy, revealsKey, type ReviewPolicy } from "@/lib/quiz/review-policy";
import type { Quiz } from "@/lib/quiz/schema";
import { toCanonicalSheet } from "@/lib/quiz/data/attempts";
import {
  guestFromToken,
  mintGuestToken,
  signGuestAttemptCount,
  userViewer,
  verifyGuestAttemptCount,
  type QuizViewer,
} from "@/lib/quiz/server/viewer";

const quiz = readQuizFile(quizFile("local-qwen-vl"));
const keyOf = (q: Quiz["questions"][number]) => q.options.filter((o) => o.correct).map((o) => o.id);
const wrongOf = (q: Quiz["questions"][number]) => q.options.filter((o) => !o.correct).map((o) => o.id);
const alice = userViewer("user-alice");
const bob = userViewer("user-bob");
const explanations = quiz.questions.flatMap((q) => q.options.map((o) => o.explanation));

function view(policy: ReviewPolicy, sheet: AnswerSheet, standing = { number: 1, submitted: 1 }): QuizResultView {
  return buildResultView(
    quiz,
    gradeAnswers(quiz, sheet),
    { seed: "abcdef12", submittedAt: new Date(), viewer: alice, ...standing },
    policy,
  );
}

/** What a result view carries of the key: options with a right/wrong flag or an explanation. */
function keyedOptions(v: QuizResultView) {
  return v.questions.flatMap((q) => q.options.filter((o) => "isCorrect" in o || "explanation" in o).map(() => q.id));
}

describe("per-viewer option ids", () => {
  const q = quiz.questions[0]!;
  const right = keyOf(q)[0]!;

  it("two viewers get different ids for the same option, each viewer always the same", () => {
    expect(publicOptionId(alice, quiz.lesson, q.id, right)).not.toBe(publicOptionId(bob, quiz.lesson, q.id, right));
    expect(publicOptionId(alice, quiz.lesson, q.id, right)).toBe(publicOptionId(userViewer("user-alice"), quiz.lesson, q.id, right));
    // A guest whose id happens to equal a user id is still another viewer.
    expect(publicOptionId({ kind: "guest", id: "user-alice" }, quiz.lesson, q.id, right)).not.toBe(
      publicOptionId(alice, quiz.lesson, q.id, right),
    );
    const ids = (v: QuizViewer) => new Set(toPublicQuiz(quiz, v, "5eed").questions.flatMap((p) => p.options.map((o) => o.id)));
    const shared = [...ids(alice)].filter((id) => ids(bob).has(id));
    expect(shared).toEqual([]);
  });

  it("an id viewer A saw does not grade for viewer B: it is refused as stale", () => {
    const fromAlice = publicOptionId(alice, quiz.lesson, q.id, right);
    expect(toCanonicalOptions(quiz, q, [fromAlice], alice)).toEqual([right]);
    expect(() => toCanonicalOptions(quiz, q, [fromAlice], bob)).toThrow(StaleQuizError);
    const aliceKey = Object.fromEntries(
      quiz.questions.map((x) => [x.id, keyOf(x).map((o) => publicOptionId(alice, quiz.lesson, x.id, o))]),
    );
    expect(gradeAnswers(quiz, toCanonicalSheet(quiz, aliceKey, alice)).score).toBe(15);
    expect(() => toCanonicalSheet(quiz, aliceKey, bob)).toThrow(StaleQuizError);
    expect(new StaleQuizError().message).toMatch(/another account or browser.*Reload the quiz/);
  });

  it("guest identities are minted and signed by the server; anything else is refused", () => {
    const token = mintGuestToken();
    const guest = guestFromToken(token);
    expect(guest).toMatchObject({ kind: "guest" });
    expect(mintGuestToken()).not.toBe(token);
    const [id, sig] = token.split(".");
    expect(guestFromToken(`${id}.${"A".repeat(22)}`)).toBeNull();
    expect(guestFromToken(`${"B".repeat(22)}.${sig}`)).toBeNull();
    expect(guestFromToken("")).toBeNull();
    expect(guestFromToken(undefined)).toBeNull();
  });

  it("a guest's attempt count can be lost but not raised, and does not travel to another guest or quiz", () => {
    const guest = guestFromToken(mintGuestToken())!;
    const other = guestFromToken(mintGuestToken())!;
    const two = signGuestAttemptCount(guest, quiz.lesson, 2);
    expect(verifyGuestAttemptCount(guest, quiz.lesson, two)).toBe(2);
    expect(verifyGuestAttemptCount(other, quiz.lesson, two)).toBe(0);
    expect(verifyGuestAttemptCount(guest, "another-lesson", two)).toBe(0);
    expect(verifyGuestAttemptCount(guest, quiz.lesson, two.replace(/^2\./, "9."))).toBe(0);
    expect(verifyGuestAttemptCount(guest, quiz.lesson, undefined)).toBe(0);
  });
});

describe("review policy", () => {
  it("reads QUIZ_REVIEW_POLICY, answered by default", () => {
    expect(parseReviewPolicy("after-submit")).toEqual({ kind: "after-submit" });
    expect(parseReviewPolicy("answered")).toEqual({ kind: "answered" });
    expect(parseReviewPolicy("after-attempts:3")).toEqual({ kind: "after-attempts", attempts: 3 });
    expect(parseReviewPolicy(undefined)).toEqual({ kind: "answered" });
  });

  it("decides per question", () => {
    const at = (policy: ReviewPolicy, attempt: number, submitted = attempt) => ({ policy, attempt, submitted });
    expect(revealsKey(at({ kind: "after-submit" }, 1), false)).toBe(true);
    expect(revealsKey(at({ kind: "answered" }, 1), true)).toBe(true);
    expect(revealsKey(at({ kind: "answered" }, 1), false)).toBe(false);
    const three: ReviewPolicy = { kind: "after-attempts", attempts: 3 };
    expect(revealsKey(at(three, 2), true)).toBe(false);
    expect(revealsKey(at(three, 3), false)).toBe(true);
    // An early attempt opened again once three are in.
    expect(revealsKey(at(three, 1, 3), true)).toBe(true);
  });

  it("after-submit: every question shows its key and every explanation, blank or not", () => {
    const v = view({ kind: "after-submit" }, {});
    expect(v.questions.every((q) => q.isRevealed)).toBe(true);
    const text = JSON.stringify(v);
    for (const e of explanations) expect(text).toContain(e);
  });

  it("answered: a blank attempt carries no key and no explanation at all", () => {
    const v = view({ kind: "answered" }, {});
    expect(v.score).toBe(0);
    expect(v.questions.every((q) => !q.isRevealed && !q.isAnswered)).toBe(true);
    expect(keyedOptions(v)).toEqual([]);
    const text = JSON.stringify(v);
    expect(text).not.toMatch(/"explanation"/);
    for (const e of explanations) expect(text).not.toContain(e);
    expect(v.questions[0]!.section.id).toBeTruthy();
  });

  it("answered: only the answered questions show their key, right or wrong", () => {
    const [q1, q2, q3] = quiz.questions;
    const v = view({ kind: "answered" }, { [q1!.id]: keyOf(q1!), [q2!.id]: [wrongOf(q2!)[0]!] });
    expect(v.questions.filter((q) => q.isRevealed).map((q) => q.id)).toEqual([q1!.id, q2!.id]);
    expect(new Set(keyedOptions(v))).toEqual(new Set([q1!.id, q2!.id]));
    const text = JSON.stringify(v);
    for (const o of q2!.options) expect(text).toContain(o.explanation);
    for (const o of q3!.options) expect(text).not.toContain(o.explanation);
  });

  it("after-attempts:N: no key before the Nth attempt, only right or wrong for the student's own answer", () => {
    const policy: ReviewPolicy = { kind: "after-attempts", attempts: 3 };
    const perfect = Object.fromEntries(quiz.questions.map((q) => [q.id, keyOf(q)]));
    const first = view(policy, perfect, { number: 1, submitted: 1 });
    expect(first.score).toBe(15);
    expect(first.questions.every((q) => !q.isRevealed && q.isCorrect)).toBe(true);
    expect(keyedOptions(first)).toEqual([]);
    for (const e of explanations) expect(JSON.stringify(first)).not.toContain(e);
    expect(describeResult(first.review, { unanswered: 0, isPerfect: true })).toBe(
      "Right answers appear after 3 attempts (this was attempt 1). Each question shows whether your answer was right and the section to read.",
    );
    const third = view(policy, {}, { number: 3, submitted: 3 });
    expect(third.questions.every((q) => q.isRevealed)).toBe(true);
  });

  it("says which policy applies in one sentence", () => {
    expect(describeReviewPolicy({ kind: "answered" }, true)).toMatch(/each question you answered shows its right answer/);
    expect(describeReviewPolicy({ kind: "after-attempts", attempts: 2 }, false)).toMatch(/2 attempts of this quiz in this browser/);
    for (const policy of [{ kind: "after-submit" }, { kind: "answered" }, { kind: "after-attempts", attempts: 1 }] as ReviewPolicy[]) {
      expect(describeReviewPolicy(policy, true).match(/\.\s/g)).toBeNull();
    }
  });
});
