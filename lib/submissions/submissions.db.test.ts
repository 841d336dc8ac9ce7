import { finishedSampleRun } from "@/test/lab-runs";
import { completeWriteUp } from "@/test/write-ups";
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/data/users";
import { waitForIdleRuns } from "@/lib/lab/jobs/data/worker";
import { retryLabCell } from "@/lib/lab/data/runs";
import { db } from "@/lib/db";
import { enrol, newClass, scopeOf } from "@/test/classes";
import { countWords, isEligibleEvidence, missingForSubmit } from "@/lib/submissions/completeness";
import { getOwnEvidence } from "@/lib/submissions/data/evidence";
import {
  addToCommentBank,
  claimSubmission,
  decideReview,
  getReviewDraft,
  listCommentBank,
  listReviewQueue,
  nextInQueue,
  releaseSubmission,
  saveReviewDraft,
  recordCommentBankUse,
} from "@/lib/submissions/data/review";
import { getRubric, readExemplarsFile, readRubricFile } from "@/lib/submissions/server/rubric";
import { emptyWriteUp, type WriteUp } from "@/lib/submissions/schemas";
import { scoreRubric, unknownLevels, type Rubric } from "@/lib/submissions/scoring";
import {
  countFeedbackWaiting,
  getSubmissionForViewer,
  getWriteUpState,
  listMySubmissions,
  markFeedbackSeen,
  saveWriteUpDraft,
  submitWriteUp,
} from "@/lib/submissions/data/store";

const paragraph = (words: number) => Array.from({ length: words }, (_, i) => `word${i}`).join(" ");

const CELLS = (["TEXT", "VISION"] as const).flatMap((column) =>
  (["easy", "task", "failure"] as const).map((promptKind) => ({
    key: `${column}:${promptKind}`,
    column,
    promptKind,
    model: column === "TEXT" ? "llama3.2:3b" : "qwen2.5vl:3b",
    status: "DONE",
  })),
);

describe("write-up completeness", () => {
  it("counts words as a person does", () => {
    expect(countWords("")).toBe(0);
    expect(countWords("Use it only for a narrow job.")).toBe(7);
    expect(countWords("qwen3-vl:4b loads in 4.8 s — it's fine")).toBe(7);
    expect(countWords("  many   spaces\nand lines ")).toBe(4);
  });

  it("lists exactly what is missing, each with the field to fix", () => {
    const missing = missingForSubmit(emptyWriteUp(), null);
    expect(missing.map((m) => m.field)).toEqual([
      "writeup-run",
      "writeup-cannot-know",
      "writeup-failure",
      "writeup-failure-cell",
      "writeup-recommendation",
      "writeup-paragraph",
    ]);
    const withRun = { ...emptyWriteUp("r1"), cannotKnow: "x", failure: { text: "x", cell: "VISION:task" as const } };
    expect(missingForSubmit(withRun, CELLS).filter((m) => m.field.startsWith("rating-"))).toHaveLength(6);
    expect(missingForSubmit(withRun, CELLS).find((m) => m.field === "rating-VISION-task")?.message).toBe(
      "Rate qwen2.5vl:3b, Task-specific (1 to 5).",
    );
    expect(missingForSubmit(completeWriteUp("r1"), CELLS)).toEqual([]);
  });

  it("wants a narrow job named, one paragraph, and 60 to 250 words", () => {
    const base = completeWriteUp("r1");
    const with_ = (recommendation: Partial<WriteUp["recommendation"]>) =>
      missingForSubmit({ ...base, recommendation: { ...base.recommendation, ...recommendation } }, CELLS).map((m) => m.message);
    expect(with_({ narrowJob: " " })).toEqual(["Name the narrow job."]);
    expect(with_({ choice: "use", narrowJob: "" })).toEqual([]);
    expect(with_({ paragraph: paragraph(59) })).toEqual(["The recommendation paragraph has 59 words; it needs 60 to 250."]);
    expect(with_({ paragraph: paragraph(60) })).toEqual([]);
    expect(with_({ paragraph: paragraph(250) })).toEqual([]);
    expect(with_({ paragraph: paragraph(251) })).toEqual(["The recommendation paragraph has 251 words; it needs 60 to 250."]);
    expect(with_({ paragraph: `${paragraph(40)}\n\n${paragraph(40)}` })).toEqual([
      "Keep the recommendation to one paragraph (no blank lines).",
    ]);
  });

  it("takes a run as evidence only when both models answered every prompt", () => {
    expect(isEligibleEvidence(CELLS)).toBe(true);
    expect(isEligibleEvidence(CELLS.map((c) => (c.key === "VISION:task" ? { ...c, status: "FAILED" } : c)))).toBe(false);
    expect(isEligibleEvidence(CELLS.filter((c) => c.column === "VISION"))).toBe(false);
  });
});

describe("rubric", () => {
  const rubric: Rubric = {
    lab: "x",
    criteria: [
      {
        id: "a",
        title: "A",
        description: "",
        levels: [
          { id: "lo", title: "", points: 0, description: "" },
          { id: "hi", title: "", points: 3, description: "" },
        ],
      },
      {
        id: "b",
        title: "B",
        description: "",
        levels: [
          { id: "lo", title: "", points: 1, description: "" },
          { id: "hi", title: "", points: 2, description: "" },
        ],
      },
    ],
    gradeBands: [{ id: "all", title: "All", min: 0, max: 5, description: "" }],
  };

  it("scores chosen levels against the most a write-up can get", () => {
    expect(scoreRubric(rubric, {})).toEqual({ points: 0, max: 5, unscored: ["a", "b"] });
    expect(scoreRubric(rubric, { a: "hi", b: "lo" })).toEqual({ points: 4, max: 5, unscored: [] });
    expect(unknownLevels(rubric, { a: "nope", c: "hi", b: "hi" })).toEqual(["a", "c"]);
  });

  it("the lab's rubric and exemplar are valid content with the criteria the issue names", () => {
    const lab = readRubricFile();
    expect(lab.criteria.map((c) => c.title)).toEqual([
      "Evidence recorded",
      "Quality judgements",
      "Failure analysis",
      "What the text-only model cannot know",
      "Recommendation justified by the evidence",
      "Licence and hardware considered",
    ]);
    expect(scoreRubric(lab, {}).max).toBe(18);
    const exemplars = readExemplarsFile(undefined, lab);
    expect(exemplars.map((e) => e.writeUp.recommendation.choice)).toEqual(["use", "do-not-use", "narrow"]);
    for (const exemplar of exemplars) expect(countWords(exemplar.writeUp.recommendation.paragraph)).toBeLessThanOrEqual(250);
  });
});

// The data layer on the configured database (SQLite here, PostgreSQL in CI's second leg), with real
// lab runs against the Ollama test double.

// Everyone here is in one class: its students submit to it, its instructors review it.
let shared: Promise<string> | null = null;
const sharedClass = () => (shared ??= newClass([], "Submissions test class"));

const person = async (prefix: string, role: "STUDENT" | "INSTRUCTOR" = "STUDENT") => {
  const user = await createUser({
    name: `${prefix} ${randomUUID().slice(0, 4)}`,
    email: `${prefix}-${randomUUID().slice(0, 8)}@example.test`,
    password: "correct horse battery",
  }).then((u) => ({ ...u, role }));
  await enrol(await sharedClass(), user);
  return user;
};

async function submitted(user: Awaited<ReturnType<typeof person>>) {
  const runId = await finishedSampleRun(user);
  const { revision } = await saveWriteUpDraft(user, { revision: 0, draft: completeWriteUp(runId) });
  const { submissionId } = await submitWriteUp(user, { revision });
  return { runId, submissionId };
}

describe("write-ups and reviews (data layer)", () => {
  beforeAll(async () => {
    await fetch(`${process.env.E2E_OLLAMA_URL}/__test/reset`, { method: "POST", body: "{}" });
  });
  afterEach(() => waitForIdleRuns());

  it("saves drafts with a revision, so a second tab cannot silently overwrite the first", async () => {
    const student = await person("draft");
    const first = await saveWriteUpDraft(student, { revision: 0, draft: { ...emptyWriteUp(), cannotKnow: "one" } });
    expect(first.revision).toBe(1);
    const second = await saveWriteUpDraft(student, { revision: 1, draft: { ...emptyWriteUp(), cannotKnow: "two" } });
    expect(second.revision).toBe(2);
    // A tab still at revision 1 is told, not obeyed.
    await expect(saveWriteUpDraft(student, { revision: 1, draft: { ...emptyWriteUp(), cannotKnow: "stale" } })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    // Two tabs racing from the same revision: one wins.
    const race = await Promise.allSettled([
      saveWriteUpDraft(student, { revision: 2, draft: { ...emptyWriteUp(), cannotKnow: "a" } }),
      saveWriteUpDraft(student, { revision: 2, draft: { ...emptyWriteUp(), cannotKnow: "b" } }),
    ]);
    expect(race.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const state = await getWriteUpState(student);
    expect(state.revision).toBe(3);
    expect(["a", "b"]).toContain(state.draft.cannotKnow);
  });

  it("refuses an incomplete write-up with the list, then freezes a complete one with its evidence", async () => {
    const student = await person("submit");
    const runId = await finishedSampleRun(student);
    expect((await getWriteUpState(student)).evidenceRuns.map((r) => r.runId)).toContain(runId);
    const incomplete = { ...completeWriteUp(runId), cannotKnow: "" };
    const saved = await saveWriteUpDraft(student, { revision: 0, draft: incomplete });
    await expect(submitWriteUp(student, saved)).rejects.toMatchObject({
      code: "INCOMPLETE",
      missing: [{ field: "writeup-cannot-know", message: "List at least one thing the text-only model cannot know." }],
    });
    const complete = await saveWriteUpDraft(student, { revision: saved.revision, draft: completeWriteUp(runId) });
    const [a, b] = await Promise.allSettled([submitWriteUp(student, complete), submitWriteUp(student, complete)]);
    expect([a, b].filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const { submissionId } = a.status === "fulfilled" ? a.value : (b as PromiseFulfilledResult<{ submissionId: string }>).value;
    await expect(saveWriteUpDraft(student, { revision: complete.revision, draft: emptyWriteUp() })).rejects.toMatchObject({
      code: "LOCKED",
    });

    // A later retry of a cell changes nothing that was submitted.
    const view = (await getSubmissionForViewer(student, submissionId))!;
    const frozen = view.versions[0]!.evidence!.cells.find((c) => c.key === "VISION:task")!;
    const cell = await db.labCell.findFirstOrThrow({ where: { runId, column: "VISION", promptKind: "task" } });
    await db.labCell.update({ where: { id: cell.id }, data: { status: "FAILED" } });
    await retryLabCell(student, cell.id);
    await waitForIdleRuns();
    await db.labCell.update({ where: { id: cell.id }, data: { output: "changed after submitting" } });
    const again = (await getSubmissionForViewer(student, submissionId))!;
    expect(again.versions[0]!.evidence!.cells.find((c) => c.key === "VISION:task")).toEqual(frozen);
    expect(again.state).toBe("SUBMITTED");
  });

  it("is the owner's and the instructors' only", async () => {
    const owner = await person("owner");
    const other = await person("other");
    const teacher = await person("teacher", "INSTRUCTOR");
    const { submissionId, runId } = await submitted(owner);
    expect(await getSubmissionForViewer(other, submissionId)).toBeNull();
    expect(await getSubmissionForViewer(teacher, submissionId)).not.toBeNull();
    expect(await getOwnEvidence(other, runId)).toBeNull();
    expect(await listMySubmissions(other)).toEqual([]);
    // A student gets no instructor's scope at all, so no review function can be reached.
    await expect(scopeOf(other)).rejects.toMatchObject({ code: "FORBIDDEN", status: 403 });
    await expect(listCommentBank(other)).rejects.toMatchObject({ status: 403 });
  });

  it("two instructors claiming at once: one wins, the other is told who has it", async () => {
    const student = await person("claimed");
    const ada = await person("ada", "INSTRUCTOR");
    const grace = await person("grace", "INSTRUCTOR");
    const { submissionId } = await submitted(student);
    const results = await Promise.allSettled([
      claimSubmission(await scopeOf(ada), submissionId),
      claimSubmission(await scopeOf(grace), submissionId),
    ]);
    const winners = results.filter((r) => r.status === "fulfilled");
    expect(winners).toHaveLength(1);
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(loser.reason).toMatchObject({ code: "CLAIMED", message: expect.stringMatching(/is reviewing it/) });
    const owner = results[0]!.status === "fulfilled" ? ada : grace;
    const other = owner === ada ? grace : ada;
    await expect(saveReviewDraft(await scopeOf(other), submissionId, { levels: {}, feedback: "x", grade: null })).rejects.toMatchObject({
      code: "NOT_CLAIMED",
    });
    await expect(releaseSubmission(await scopeOf(other), submissionId)).rejects.toMatchObject({ code: "NOT_CLAIMED" });
    await releaseSubmission(await scopeOf(owner), submissionId);
    await claimSubmission(await scopeOf(other), submissionId);
    expect((await getSubmissionForViewer(other, submissionId))!.claimedBy?.id).toBe(other.id);
  });

  // Three lab runs (OCR included) before the first check: on a busy machine that takes a while.
  it("pages the queue oldest first, with the total and a page past the end clamped to the last", { timeout: 60_000 }, async () => {
    const teacher = await person("pager", "INSTRUCTOR");
    for (const name of ["page-a", "page-b", "page-c"]) await submitted(await person(name));
    const all = await listReviewQueue(await scopeOf(teacher), "all", { pageSize: 1000 });
    const first = await listReviewQueue(await scopeOf(teacher), "all", { page: 1, pageSize: 2 });
    const second = await listReviewQueue(await scopeOf(teacher), "all", { page: 2, pageSize: 2 });
    expect(first).toMatchObject({ total: all.total, page: 1, pageCount: Math.ceil(all.total / 2) });
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(all.rows.slice(0, 4).map((r) => r.id));
    const beyond = await listReviewQueue(await scopeOf(teacher), "all", { page: 999, pageSize: 2 });
    expect(beyond.page).toBe(beyond.pageCount);
    expect(beyond.rows.length).toBeGreaterThan(0);
  });

  it("review drafts, return for revision, resubmission, completion, and the student's feedback badge", async () => {
    const student = await person("cycle");
    const teacher = await person("teacher", "INSTRUCTOR");
    const { submissionId, runId } = await submitted(student);
    expect((await listReviewQueue(await scopeOf(teacher))).rows.map((r) => r.id)).toContain(submissionId);
    expect(await nextInQueue(await scopeOf(teacher), null)).toBeTruthy();
    await claimSubmission(await scopeOf(teacher), submissionId);
    const rubric = getRubric();
    const some = { [rubric.criteria[0]!.id]: rubric.criteria[0]!.levels[1]!.id };
    await saveReviewDraft(await scopeOf(teacher), submissionId, { levels: some, feedback: "Good start", grade: null });
    expect(await getReviewDraft(await scopeOf(teacher), submissionId)).toMatchObject({ levels: some, feedback: "Good start" });
    // Students do not see a review until it is decided.
    expect((await getSubmissionForViewer(student, submissionId))!.versions[0]!.review).toBeNull();
    // Completing needs every criterion (a return does not: see review-walk.db.test.ts).
    await expect(
      decideReview(await scopeOf(teacher), submissionId, "COMPLETED", { levels: some, feedback: "x", grade: null }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringMatching(/^Score every criterion first/),
    });
    const all = Object.fromEntries(rubric.criteria.map((c) => [c.id, c.levels[1]!.id]));
    await expect(
      decideReview(await scopeOf(teacher), submissionId, "RETURNED", { levels: all, feedback: " ", grade: null }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await decideReview(await scopeOf(teacher), submissionId, "RETURNED", {
      levels: all,
      feedback: "Quote the memory figures.",
      grade: null,
    });
    expect(await countFeedbackWaiting(student.id)).toBe(1);
    const returned = (await getSubmissionForViewer(student, submissionId))!;
    expect(returned).toMatchObject({ state: "RETURNED", feedbackWaiting: true });
    expect(returned.versions[0]!.review).toMatchObject({
      decision: "RETURNED",
      feedback: "Quote the memory figures.",
      grade: scoreRubric(rubric, all).points,
    });
    await markFeedbackSeen(student, submissionId);
    expect(await countFeedbackWaiting(student.id)).toBe(0);

    // Revise and resubmit: version 2; version 1 and its review stay readable.
    const state = await getWriteUpState(student);
    expect(state.state).toBe("RETURNED");
    const revised = await saveWriteUpDraft(student, {
      revision: state.revision,
      draft: { ...completeWriteUp(runId), cannotKnow: "Which toggles are on\nMemory: 5.1 GB" },
    });
    expect((await submitWriteUp(student, revised)).version).toBe(2);
    await claimSubmission(await scopeOf(teacher), submissionId);
    expect((await getReviewDraft(await scopeOf(teacher), submissionId)).feedback).toBe("");
    await decideReview(await scopeOf(teacher), submissionId, "COMPLETED", { levels: all, feedback: "Done well.", grade: 15 });
    const done = (await getSubmissionForViewer(student, submissionId))!;
    expect(done.state).toBe("COMPLETED");
    expect(done.versions.map((v) => [v.number, v.review?.decision, v.review?.grade])).toEqual([
      [2, "COMPLETED", 15],
      [1, "RETURNED", scoreRubric(rubric, all).points],
    ]);
    await expect(saveWriteUpDraft(student, { revision: revised.revision, draft: emptyWriteUp() })).rejects.toMatchObject({
      code: "LOCKED",
    });
    await expect(
      decideReview(await scopeOf(teacher), submissionId, "COMPLETED", { levels: all, feedback: "again", grade: 1 }),
    ).rejects.toMatchObject({
      code: "NOT_CLAIMED",
    });
  });

  it("keeps each instructor's comment bank, most used first", async () => {
    const ada = await person("bank", "INSTRUCTOR");
    const grace = await person("bank2", "INSTRUCTOR");
    const a = await addToCommentBank(ada, "  Quote the numbers.  ");
    const b = await addToCommentBank(ada, "Name the licence.");
    expect((await addToCommentBank(ada, "Quote the numbers.")).id).toBe(a.id);
    await recordCommentBankUse(ada, b.id);
    await recordCommentBankUse(ada, b.id);
    await recordCommentBankUse(ada, a.id);
    expect((await listCommentBank(ada)).map((e) => [e.text, e.uses])).toEqual([
      ["Name the licence.", 2],
      ["Quote the numbers.", 1],
    ]);
    expect(await listCommentBank(grace)).toEqual([]);
    await expect(recordCommentBankUse(grace, a.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
