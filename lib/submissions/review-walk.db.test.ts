import { finishedSampleRun } from "@/test/lab-runs";
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/data/users";
import { enrol, newClass, scopeOf } from "@/test/classes";
import { waitForIdleRuns } from "@/lib/lab/jobs/data/worker";
import {
  claimSubmission,
  decideReview,
  getReviewDraft,
  listReviewQueue,
  releaseMyClaims,
  saveReviewDraft,
} from "@/lib/submissions/data/review";
import { getSubmissionForViewer, getWriteUpState, saveWriteUpDraft, submitWriteUp } from "@/lib/submissions/data/store";
import { evidenceTruth } from "@/lib/submissions/server/ground-truth";
import { getRubric } from "@/lib/submissions/server/rubric";
import type { WriteUp } from "@/lib/submissions/schemas";

// The review as issue 27's walk left it wanting: a return with comments only, a resubmission whose
// rubric starts from the last review, "release my claims", and the ground truth beside the answers.

// Everyone here is in one class: its students submit to it, its instructors review it.
let shared: Promise<string> | null = null;
const sharedClass = () => (shared ??= newClass([], "Review walk class"));

const person = async (prefix: string, role: "STUDENT" | "INSTRUCTOR" = "STUDENT") => {
  const user = await createUser({
    name: `${prefix} ${randomUUID().slice(0, 4)}`,
    email: `${prefix}-${randomUUID().slice(0, 8)}@example.test`,
    password: "correct horse battery",
  }).then((u) => ({ ...u, role }));
  await enrol(await sharedClass(), user);
  return user;
};

const writeUp = (runId: string): WriteUp => ({
  runId,
  ratings: Object.fromEntries(
    ["TEXT", "VISION"].flatMap((column) =>
      ["easy", "task", "failure"].map((kind) => [
        `${column}:${kind}`,
        { rating: 3, note: "", ...(column === "VISION" ? { guessedHiddenState: false } : {}) },
      ]),
    ),
  ),
  cannotKnow: "Which toggles are on",
  failure: { text: "It listed dropdown options that are not visible.", cell: "VISION:failure" },
  recommendation: { choice: "use", narrowJob: "", paragraph: Array.from({ length: 70 }, (_, i) => `word${i}`).join(" ") },
});

async function submitted(student: Awaited<ReturnType<typeof person>>) {
  const runId = await finishedSampleRun(student);
  const { revision } = await saveWriteUpDraft(student, { revision: 0, draft: writeUp(runId) });
  const { submissionId } = await submitWriteUp(student, { revision });
  return { runId, submissionId };
}

describe("the review after the walk (data layer)", () => {
  beforeAll(async () => {
    await fetch(`${process.env.E2E_OLLAMA_URL}/__test/reset`, { method: "POST", body: "{}" });
  });
  afterEach(() => waitForIdleRuns());

  it("returns with comments only, then starts version 2's rubric from version 1's levels", { timeout: 60_000 }, async () => {
    const student = await person("walk");
    const teacher = await person("walk-teacher", "INSTRUCTOR");
    const { runId, submissionId } = await submitted(student);
    await claimSubmission(await scopeOf(teacher), submissionId);
    const rubric = getRubric();
    const first = rubric.criteria[0]!;
    const one = { [first.id]: first.levels[1]!.id };

    // Completing still needs every criterion; a return needs feedback and nothing else.
    await expect(
      decideReview(await scopeOf(teacher), submissionId, "COMPLETED", { levels: one, feedback: "x", grade: null }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await expect(
      decideReview(await scopeOf(teacher), submissionId, "RETURNED", { levels: {}, feedback: "  ", grade: null }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await decideReview(await scopeOf(teacher), submissionId, "RETURNED", {
      levels: one,
      feedback: "Quote the memory figures.",
      grade: null,
    });
    const returned = (await getSubmissionForViewer(student, submissionId))!;
    expect(returned.state).toBe("RETURNED");
    // A partly scored return carries no grade: the student is not told 2 of 18.
    expect(returned.versions[0]!.review).toMatchObject({ decision: "RETURNED", levels: one, grade: null });

    const { revision } = await getWriteUpState(student);
    const saved = await saveWriteUpDraft(student, {
      revision,
      draft: { ...writeUp(runId), cannotKnow: "Which toggles are on\nMemory: see the table" },
    });
    expect((await submitWriteUp(student, saved)).version).toBe(2);

    await claimSubmission(await scopeOf(teacher), submissionId);
    const draft = await getReviewDraft(await scopeOf(teacher), submissionId);
    expect(draft.previous).toEqual({ version: 1, levels: one });
    expect(draft.levels).toEqual(one);
    expect(draft.feedback).toBe("");
    // Once version 2 has a review of its own, that is what comes back.
    const changed = { [first.id]: first.levels[2]!.id };
    await saveReviewDraft(await scopeOf(teacher), submissionId, { levels: changed, feedback: "", grade: null });
    expect(await getReviewDraft(await scopeOf(teacher), submissionId)).toMatchObject({
      levels: changed,
      previous: { version: 1, levels: one },
    });
  });

  it("releases every claim of one instructor at once, and says how long each has been claimed", { timeout: 60_000 }, async () => {
    const ada = await person("ada", "INSTRUCTOR");
    const grace = await person("grace", "INSTRUCTOR");
    const a = await submitted(await person("claim-a"));
    const b = await submitted(await person("claim-b"));
    await claimSubmission(await scopeOf(ada), a.submissionId);
    await claimSubmission(await scopeOf(grace), b.submissionId);
    const queue = await listReviewQueue(await scopeOf(ada), "all", { pageSize: 1000 });
    expect(queue.myClaims).toBe(1);
    expect(queue.rows.find((r) => r.id === a.submissionId)?.claimedAt).toEqual(expect.any(String));
    expect(await releaseMyClaims(ada)).toBe(1);
    expect((await getSubmissionForViewer(ada, a.submissionId))!.state).toBe("SUBMITTED");
    // Someone else's claim is theirs to release.
    expect((await getSubmissionForViewer(ada, b.submissionId))!.claimedBy?.id).toBe(grace.id);
    expect(await releaseMyClaims(ada)).toBe(0);
    await expect(releaseMyClaims(await person("student"))).rejects.toMatchObject({ status: 403 });
  });

  it("keeps the ground-truth scores the lab showed with the frozen evidence", { timeout: 60_000 }, async () => {
    const student = await person("truth");
    const { submissionId } = await submitted(student);
    const evidence = (await getSubmissionForViewer(student, submissionId))!.versions[0]!.evidence!;
    const vision = evidence.cells.find((c) => c.key === "VISION:task")!;
    expect(vision.scores?.controls?.total).toBeGreaterThan(0);
    const truth = evidenceTruth(evidence);
    expect(truth.truth?.controls.length).toBeGreaterThan(0);
    expect(truth.scores["VISION:task"]).toEqual(vision.scores);
    // A version frozen before the scores were kept is scored again from its text, the same way.
    const older = { ...vision };
    delete older.scores;
    expect(evidenceTruth({ ...evidence, cells: [older] }).scores["VISION:task"]).toEqual(vision.scores);
  });
});
