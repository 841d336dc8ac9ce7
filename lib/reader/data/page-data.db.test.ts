import { finishedSampleRun } from "@/test/lab-runs";
import { completeWriteUp } from "@/test/write-ups";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

// The app's clock reads an offset from TEST_CLOCK_FILE (and `<file>.<user id>` for one user's
// time): set before lib/env is first imported.
const clock = vi.hoisted(() => {
  const file = `${process.env.DATA_DIR ?? "/tmp"}/clock-${Math.random().toString(16).slice(2)}`;
  process.env.TEST_CLOCK_FILE = file;
  return { file };
});

import { noteSignupAttempt, markNoticesSeen } from "@/lib/auth/data/notices";
import { createUser, findUserById, setUserRole } from "@/lib/auth/data/users";
import type { SessionUser } from "@/lib/auth/server/session";
import { answerCheck } from "@/lib/checks/data/answers";
import { publicCheckOptionId } from "@/lib/checks/server/public";
import { getLesson } from "@/lib/content/server/lessons";
import { db } from "@/lib/db";
import { newClass, scopeOf } from "@/test/classes";
import { NO_LAB_PROGRESS } from "@/lib/lab/data/progress";
import { waitForIdleRuns } from "@/lib/lab/jobs/data/worker";
import { recordVisit, setStepDone } from "@/lib/progress/data/store";
import { attemptQuiz } from "@/lib/quiz/attempt-quiz";
import { getOrStartAttempt, startAttempt, submitAttempt } from "@/lib/quiz/data/attempts";
import { listDueReviews, REVIEW_DELAY_MS, startReview } from "@/lib/quiz/data/review-sets";
import { requireQuiz } from "@/lib/quiz/server/attempt-access";
import { publicOptionId } from "@/lib/quiz/server/public";
import { userViewer } from "@/lib/quiz/server/viewer";
import { readerPage } from "@/lib/reader/data/page-data";
import type { SignedInReaderPage } from "@/lib/reader/types";
import { claimSubmission, decideReview } from "@/lib/submissions/data/review";
import { getRubric } from "@/lib/submissions/server/rubric";
import { scoreRubric } from "@/lib/submissions/scoring";
import { getWriteUpState, markFeedbackSeen, saveWriteUpDraft, submitWriteUp } from "@/lib/submissions/data/store";

// readerPage on the configured database (SQLite here, PostgreSQL in CI's second leg), with rows
// made through the data layer: real lab runs against the Ollama test double, real quiz attempts,
// check answers, write-ups and reviews. Every test makes its own students.

const LESSON = "local-qwen-vl";
const NO_LAB_LESSON = "vision-model-selection";
const HOUR = 3_600_000;

const person = (prefix: string) =>
  createUser({
    name: `${prefix} ${randomUUID().slice(0, 4)}`,
    email: `reader-${prefix}-${randomUUID().slice(0, 8)}@example.test`,
    password: "correct horse battery",
  });

/** Moves one user's clock (lib/server/clock.ts): read at every call. */
const setClock = (userId: string, offsetMs: number) => writeFileSync(`${clock.file}.${userId}`, String(offsetMs));


/** Answers for an attempt (a quiz or a review): right on the first `right` questions it shows, wrong on the rest. */
async function answersFor(userId: string, attemptId: string, right: number) {
  const row = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  const viewer = userViewer(userId);
  return Object.fromEntries(
    attemptQuiz(requireQuiz(LESSON), row).questions.map((q, i) => [
      q.id,
      q.options
        .filter((o) => (i < right ? o.correct : !o.correct))
        .slice(0, i < right || q.kind !== "single" ? undefined : 1)
        .map((o) => publicOptionId(viewer, LESSON, q.id, o.id)),
    ]),
  );
}

/** A submitted quiz attempt, right on the first `right` questions it shows. */
async function quizAttempt(userId: string, right: number, retake = false) {
  const { attemptId } = retake ? await startAttempt(userId, LESSON) : await getOrStartAttempt(userId, LESSON);
  return submitAttempt(userId, { lesson: LESSON, attemptId, answers: await answersFor(userId, attemptId, right) });
}

/** A run, a complete write-up on it, submitted and claimed by `teacher`: ready to be decided. */
async function claimedWriteUp(student: SessionUser, teacher: SessionUser) {
  // The student takes one of the teacher's classes (made once per pair), so the teacher sees the work.
  await classOf(teacher, student);
  const runId = await finishedSampleRun(student);
  const { revision } = await saveWriteUpDraft(student, { revision: 0, draft: completeWriteUp(runId) });
  const { submissionId } = await submitWriteUp(student, { revision });
  await claimSubmission(await scopeOf(teacher), submissionId);
  return { runId, submissionId };
}

const classes = new Map<string, string>();
async function classOf(teacher: SessionUser, student: SessionUser): Promise<void> {
  let classId = classes.get(teacher.id);
  if (!classId) classes.set(teacher.id, (classId = await newClass([teacher])));
  await db.classMember.upsert({
    where: { classId_userId: { classId, userId: student.id } },
    create: { classId, userId: student.id, role: "STUDENT" },
    update: {},
  });
}

async function instructor(): Promise<SessionUser> {
  const user = await person("teacher");
  const promoted = await setUserRole(user.email, "INSTRUCTOR");
  if (!promoted) throw new Error("the instructor vanished");
  return promoted;
}

const everyLevel = () => Object.fromEntries(getRubric().criteria.map((c) => [c.id, c.levels[1]!.id]));

/** Nothing of the other student's in the page: not their id, their rows' ids, their name or email. */
function expectNothingOf(page: SignedInReaderPage, other: SessionUser, ids: string[]) {
  const text = JSON.stringify(page);
  for (const value of [other.id, other.email, other.name!, ...ids]) expect(text).not.toContain(value);
}

// The runs are rows for the page to read, not a measurement: this file's Ollama double answers at
// once. Tests that make runs still get a minute: beside lint, tsc and the other files, a run and
// argon2 hashing can take many seconds.
beforeAll(async () => {
  const response = await fetch(`${process.env.E2E_OLLAMA_URL}/__test/latency`, {
    method: "POST",
    body: JSON.stringify({ load: 0, firstToken: 0, perToken: 0, prefillPerToken: 0 }),
  });
  expect(response.ok).toBe(true);
});
afterEach(() => waitForIdleRuns());

describe("readerPage: who and what they did", () => {
  it("names the reader and carries their own steps, visits, checks and quiz results, none of another student's", async () => {
    const a = await person("ada");
    const b = await person("bo");
    const stepAt = new Date("2026-12-01T09:00:00.000Z");
    const visitAt = new Date("2026-12-01T09:10:00.000Z");
    await setStepDone(a.id, LESSON, "why-qwen-vl-matters-locally", true, stepAt);
    await recordVisit(a.id, LESSON, visitAt);
    await setStepDone(b.id, LESSON, "what-qwen-vl-is", true, stepAt);
    await recordVisit(b.id, NO_LAB_LESSON, visitAt);

    const checked = await answerCheck({ userId: a.id, address: "a" }, { lesson: LESSON, checkId: "image-tokens-llama-engine", value: "1,334" });
    await answerCheck(
      { userId: b.id, address: "b" },
      { lesson: LESSON, checkId: "local-keeps-pixels", optionIds: [publicCheckOptionId(LESSON, "local-keeps-pixels", "c")] },
    );

    // Ada's better attempt first, two hours back on her clock; her latest is worse.
    setClock(a.id, -2 * HOUR);
    const best = await quizAttempt(a.id, 12);
    setClock(a.id, 0);
    const latest = await quizAttempt(a.id, 5, true);
    const bos = await quizAttempt(b.id, 15);

    const page = await readerPage(a, {});
    expect(page.v).toBe(1);
    expect(page.user).toEqual({ id: a.id, display: a.name, role: "STUDENT" });
    expect(page.progress.steps).toEqual({ [LESSON]: { "why-qwen-vl-matters-locally": stepAt.toISOString() } });
    expect(page.progress.visits).toEqual({ [LESSON]: visitAt.toISOString() });
    expect(page.progress.checks).toEqual({ [LESSON]: { "image-tokens-llama-engine": { ...checked.result, credit: 1 } } });
    expect(checked.result.concept).toBe("image tokens");
    const quiz = page.progress.quizzes[LESSON];
    expect(quiz?.best).toMatchObject({ score: 12, total: 15, at: best.submittedAt.toISOString() });
    expect(quiz?.latest).toMatchObject({ score: 5, total: 15, at: latest.submittedAt.toISOString() });
    expect([best.grade.score, latest.grade.score, bos.grade.score]).toEqual([12, 5, 15]);
    expect(Object.keys(page.progress.quizzes)).toEqual([LESSON]);
    expect(Object.keys(page)).toEqual(["v", "user", "header", "progress"]);
    expectNothingOf(page, b, [bos.attemptId]);

    // And Bo's page is Bo's.
    const theirs = await readerPage(b, {});
    expect(theirs.user).toEqual({ id: b.id, display: b.name, role: "STUDENT" });
    expect(theirs.progress.steps).toEqual({ [LESSON]: { "what-qwen-vl-is": stepAt.toISOString() } });
    expect(theirs.progress.visits).toEqual({ [NO_LAB_LESSON]: visitAt.toISOString() });
    expect(theirs.progress.checks?.[LESSON]?.["local-keeps-pixels"]).toMatchObject({ concept: "Qwen-VL", credit: 0 });
    expect(theirs.progress.quizzes[LESSON]).toMatchObject({ best: { score: 15 }, latest: { score: 15 } });
    expectNothingOf(theirs, a, [best.attemptId, latest.attemptId]);
  });

  it("shows the email for an account without a name, and the account's role", async () => {
    const nameless = await person("nameless");
    await db.user.update({ where: { id: nameless.id }, data: { name: null } });
    const reader = (await findUserById(nameless.id))!;
    expect((await readerPage(reader, {})).user).toEqual({ id: nameless.id, display: nameless.email, role: "STUDENT" });

    const teacher = await instructor();
    expect((await readerPage(teacher, {})).user).toEqual({ id: teacher.id, display: teacher.name, role: "INSTRUCTOR" });
  });
});

describe("readerPage: the header's badges", () => {
  it("counts unseen feedback and unseen notices, the reader's own only", { timeout: 60_000 }, async () => {
    const a = await person("ada");
    const b = await person("bo");
    const teacher = await instructor();
    const none = await readerPage(a, {});
    expect(none.header).toEqual({ feedbackWaiting: 0, notices: 0 });

    const mine = await claimedWriteUp(a, teacher);
    await decideReview(await scopeOf(teacher), mine.submissionId, "RETURNED", { levels: everyLevel(), feedback: "Quote the memory figures.", grade: null });
    await noteSignupAttempt(a.id);
    // Bo's feedback and notice were seen: nothing waits for him.
    const theirs = await claimedWriteUp(b, teacher);
    await decideReview(await scopeOf(teacher), theirs.submissionId, "RETURNED", { levels: everyLevel(), feedback: "Say more.", grade: null });
    await markFeedbackSeen(b, theirs.submissionId);
    await noteSignupAttempt(b.id);
    await markNoticesSeen(b.id);

    const page = await readerPage(a, {});
    expect(page.header).toEqual({ feedbackWaiting: 1, notices: 1 });
    expectNothingOf(page, b, [theirs.runId, theirs.submissionId]);
    expect((await readerPage(b, {})).header).toEqual({ feedbackWaiting: 0, notices: 0 });

    // Opened: the badges go.
    await markFeedbackSeen(a, mine.submissionId);
    await markNoticesSeen(a.id);
    expect((await readerPage(a, {})).header).toEqual({ feedbackWaiting: 0, notices: 0 });
  });
});

describe("readerPage: a lesson's parts", () => {
  it("gives the lesson's lab, activity and mastery of its concepts to the reader who asks", { timeout: 60_000 }, async () => {
    const a = await person("ada");
    const b = await person("bo");
    const runId = await finishedSampleRun(a);
    const theirRun = await finishedSampleRun(b);
    const checked = await answerCheck({ userId: a.id, address: "a" }, { lesson: LESSON, checkId: "image-tokens-llama-engine", value: "1,334" });
    await answerCheck({ userId: b.id, address: "b" }, { lesson: LESSON, checkId: "gpu-share-api-ps", value: "62.5%" });

    const page = await readerPage(a, { lesson: LESSON });
    expect(page.catalogue).toBeUndefined();
    const lesson = page.lesson!;
    expect(lesson.slug).toBe(LESSON);
    expect(lesson.lab).toMatchObject({
      latestRun: { id: runId, outcome: "done", models: { text: "llama3.2:3b", vision: "qwen2.5vl:3b" } },
      finishedRuns: 1,
      writeUp: null,
    });
    expect(lesson.activity).toEqual({ lab: true, writeUp: false });
    const terms = getLesson(LESSON)!.concepts.map((c) => c.term);
    expect(Object.keys(lesson.mastery).sort()).toEqual([...terms].sort());
    expect(lesson.mastery["image tokens"]).toEqual({ level: "familiar", answers: 1, lastAt: checked.result.at });
    // Bo's right answer on resident memory is not Ada's.
    expect(lesson.mastery["resident memory"]).toEqual({ level: "not-started", answers: 0, lastAt: null });
    expectNothingOf(page, b, [theirRun]);

    const theirs = (await readerPage(b, { lesson: LESSON })).lesson!;
    expect(theirs.lab?.latestRun?.id).toBe(theirRun);
    expect(theirs.mastery["resident memory"]).toMatchObject({ level: "familiar", answers: 1 });
    expect(theirs.mastery["image tokens"]).toEqual({ level: "not-started", answers: 0, lastAt: null });
  });

  it("counts every quiz attempt, spaced review and check answer of the lesson as mastery evidence, and only quizzes as quiz results", async () => {
    const a = await person("ada");
    const quiz = await quizAttempt(a.id, 10);
    // A day later on Ada's clock the review of what she missed opens; she gets it all right.
    setClock(a.id, REVIEW_DELAY_MS + HOUR);
    const opened = await startReview(a.id, LESSON);
    const review = await submitAttempt(a.id, { lesson: LESSON, attemptId: opened.attemptId, answers: await answersFor(a.id, opened.attemptId, 15) });
    expect(review.kind).toBe("REVIEW");
    expect(review.grade.score).toBe(review.grade.total);
    const checked = await answerCheck({ userId: a.id, address: "a" }, { lesson: LESSON, checkId: "image-tokens-llama-engine", value: "1,334" });
    // The same concept answered in another lesson is that lesson's evidence, not this one's.
    const elsewhere = await answerCheck({ userId: a.id, address: "a" }, { lesson: "vision-cost-comparison", checkId: "claude-image-tokens", value: "1049" });
    expect(elsewhere.result.concept).toBe(checked.result.concept);

    const page = await readerPage(a, { lesson: LESSON });
    const counted = (concept: string) =>
      [quiz.grade.concepts, review.grade.concepts].filter((scores) => (scores[concept]?.total ?? 0) > 0).length +
      (concept === checked.result.concept ? 1 : 0);
    const terms = getLesson(LESSON)!.concepts.map((c) => c.term);
    expect(Object.fromEntries(terms.map((t) => [t, page.lesson!.mastery[t]!.answers]))).toEqual(
      Object.fromEntries(terms.map((t) => [t, counted(t)])),
    );
    const reviewed = Object.keys(review.grade.concepts);
    expect(reviewed.length).toBeGreaterThan(0);
    for (const concept of reviewed.filter((c) => c !== checked.result.concept))
      expect(page.lesson!.mastery[concept]?.lastAt).toBe(review.submittedAt.toISOString());
    // The review is not a quiz result: best and latest stay the quiz attempt.
    expect(page.progress.quizzes).toEqual({
      [LESSON]: {
        best: { score: 10, total: 15, at: quiz.submittedAt.toISOString(), concepts: quiz.grade.concepts },
        latest: { score: 10, total: 15, at: quiz.submittedAt.toISOString(), concepts: quiz.grade.concepts },
      },
    });
    expect(Object.keys(page.progress.checks ?? {}).sort()).toEqual([LESSON, "vision-cost-comparison"].sort());
  });

  it("gives an empty lab to a reader with no run, and no lab only for a lesson without one", async () => {
    const a = await person("ada");
    const withLab = (await readerPage(a, { lesson: LESSON })).lesson!;
    expect(withLab.lab).toEqual(NO_LAB_PROGRESS);
    expect(withLab.activity).toEqual({ lab: false, writeUp: false });
    expect(Object.values(withLab.mastery).every((m) => m.level === "not-started" && m.answers === 0)).toBe(true);

    const withoutLab = (await readerPage(a, { lesson: NO_LAB_LESSON })).lesson!;
    expect(withoutLab).toMatchObject({ slug: NO_LAB_LESSON, lab: null, activity: null });
    expect(Object.keys(withoutLab.mastery).sort()).toEqual(getLesson(NO_LAB_LESSON)!.concepts.map((c) => c.term).sort());
  });

  it("has no lesson part for an unknown lesson, and neither part when none is asked for", async () => {
    const a = await person("ada");
    const unknown = await readerPage(a, { lesson: "no-such-lesson" });
    expect("lesson" in unknown).toBe(false);
    expect("catalogue" in unknown).toBe(false);
    const plain = await readerPage(a, {});
    expect(Object.keys(plain).sort()).toEqual(["header", "progress", "user", "v"]);
  });
});

describe("readerPage: the catalogue's parts", () => {
  it("gives each lab lesson's activity and lab, the grade only once a review completes, and the reviews due", { timeout: 60_000 }, async () => {
    const a = await person("ada");
    const b = await person("bo");
    const teacher = await instructor();
    const labSlugs = [LESSON];

    const empty = (await readerPage(b, { catalogue: true })).catalogue!;
    expect(empty).toEqual({
      activities: { [LESSON]: { lab: false, writeUp: false } },
      labs: [{ slug: LESSON, title: getLesson(LESSON)!.title, progress: NO_LAB_PROGRESS, grade: null }],
      dueReviews: [],
    });

    // Returned with every criterion scored: the review has points, but the card shows no grade.
    const { submissionId } = await claimedWriteUp(a, teacher);
    const levels = everyLevel();
    await decideReview(await scopeOf(teacher), submissionId, "RETURNED", { levels, feedback: "Quote the memory figures.", grade: null });
    let catalogue = (await readerPage(a, { catalogue: true })).catalogue!;
    expect(catalogue.labs.map((l) => l.slug)).toEqual(labSlugs);
    expect(Object.keys(catalogue.activities)).toEqual(labSlugs);
    expect(catalogue.activities[LESSON]).toEqual({ lab: true, writeUp: false });
    expect(catalogue.labs[0]).toMatchObject({ progress: { finishedRuns: 1, writeUp: { submissionId, state: "RETURNED" } }, grade: null });

    // Revised, resubmitted and completed: the grade, out of the rubric's maximum.
    const state = await getWriteUpState(a);
    const revised = await saveWriteUpDraft(a, { revision: state.revision, draft: { ...state.draft, cannotKnow: "Memory: 5.1 GB" } });
    await submitWriteUp(a, revised);
    await claimSubmission(await scopeOf(teacher), submissionId);
    await decideReview(await scopeOf(teacher), submissionId, "COMPLETED", { levels, feedback: "Done well.", grade: 15 });
    catalogue = (await readerPage(a, { catalogue: true })).catalogue!;
    expect(catalogue.activities[LESSON]).toEqual({ lab: true, writeUp: true });
    expect(catalogue.labs[0]!.progress.writeUp).toMatchObject({ submissionId, state: "COMPLETED" });
    expect(catalogue.labs[0]!.grade).toEqual({ points: 15, max: scoreRubric(getRubric(), levels).max });
    expect(catalogue.dueReviews).toEqual([]);

    // A quiz with misses: its review falls due a day later on Ada's clock.
    await quizAttempt(a.id, 10);
    expect((await readerPage(a, { catalogue: true })).catalogue!.dueReviews).toEqual([]);
    setClock(a.id, REVIEW_DELAY_MS + HOUR);
    const page = await readerPage(a, { catalogue: true });
    expect(page.lesson).toBeUndefined();
    expect(page.catalogue!.dueReviews).toEqual(await listDueReviews(a.id));
    expect(page.catalogue!.dueReviews).toEqual([
      { lesson: LESSON, title: getLesson(LESSON)!.title, concepts: expect.any(Array), questions: expect.any(Number), status: "due" },
    ]);
    expect(page.catalogue!.dueReviews[0]!.concepts.length).toBeGreaterThan(0);
    expectNothingOf(page, b, []);

    // Bo's catalogue is still empty.
    expect((await readerPage(b, { catalogue: true })).catalogue).toEqual(empty);
  });
});
