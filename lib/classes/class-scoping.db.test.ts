import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/server/session";
import { instructorScope, narrowTo } from "@/lib/classes/data/scope";
import { db } from "@/lib/db";
import { exportGradesCsv } from "@/lib/exports/data/grades";
import { exportRunsJson, type RunExportRow } from "@/lib/exports/data/runs";
import { listClassProgress } from "@/lib/instructor/data/class-progress";
import { getRunOwner, getStudentOverview } from "@/lib/instructor/data/student";
import { readLabImage } from "@/lib/lab/data/image-store";
import { getLabRunView } from "@/lib/lab/data/run-views";
import { waitForIdleRuns } from "@/lib/lab/jobs/data/worker";
import { listPathProgress } from "@/lib/progress/data/class-paths";
import { loadClassEvidence } from "@/lib/submissions/data/class-evidence";
import {
  claimSubmission,
  decideReview,
  getReviewDraft,
  listReviewQueue,
  nextInQueue,
  releaseSubmission,
  saveReviewDraft,
} from "@/lib/submissions/data/review";
import { getSubmissionForViewer, submitWriteUp } from "@/lib/submissions/data/store";
import { readyDraft, world } from "@/test/class-world";

// Everything on the instructor side, for the world of test/class-world.ts after sa submits to A, sb
// to B and sab (in A and B) to B: Ina (A and C) sees sa, sab and sc and only sa's write-up; Otto
// (B) sees sb and sab and both of their write-ups. Anything of another class opened by id answers
// as if it did not exist.

async function collect(chunks: AsyncGenerator<string>): Promise<string> {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  return text;
}

async function submittedWorld() {
  const w = await world();
  const [ra, rb, rab] = await Promise.all([readyDraft(w.sa), readyDraft(w.sb), readyDraft(w.sab)]);
  const of = async (student: SessionUser, revision: number, classId?: string) =>
    (await submitWriteUp(student, { revision, classId })).submissionId;
  const subs = { sa: await of(w.sa, ra), sb: await of(w.sb, rb), sab: await of(w.sab, rab, w.b) };
  const runOf = async (student: SessionUser) => db.labRun.findFirstOrThrow({ where: { userId: student.id } });
  const runs = { sb: await runOf(w.sb), sab: await runOf(w.sab) };
  return { ...w, subs, runs, inaScope: await instructorScope(w.ina), ottoScope: await instructorScope(w.otto) };
}

describe("the instructor side, scoped to the classes taught", () => {
  beforeAll(async () => {
    await fetch(`${process.env.E2E_OLLAMA_URL}/__test/reset`, { method: "POST", body: "{}" });
  });
  afterEach(() => waitForIdleRuns());

  it(
    "lists, counts and exports read the classes shown; a student in two classes is in both, their write-up in one",
    { timeout: 90_000 },
    async () => {
      const { ina, sa, sb, sab, sc, sn, a, subs, inaScope, ottoScope } = await submittedWorld();
      const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
      const rows = await listClassProgress(inaScope);
      expect(ids(rows)).toEqual([sa.id, sab.id, sc.id].sort());
      expect(ids(rows)).not.toContain(sb.id);
      expect(ids(rows)).not.toContain(sn.id);
      const inA = narrowTo(inaScope, a);
      expect(ids(await listClassProgress(inA))).toEqual([sa.id, sab.id].sort());
      // sab's write-up went to B: in A's table the row has none.
      expect(rows.find((r) => r.id === sab.id)!.submission).toBeNull();
      expect((await listClassProgress(ottoScope)).find((r) => r.id === sab.id)!.submission?.id).toBe(subs.sab);
      expect([...(await listPathProgress(inaScope, "local-qwen-vl")).keys()]).not.toContain(sb.id);

      const queue = await listReviewQueue(inaScope, "all");
      expect(queue.rows.map((r) => r.id)).toEqual([subs.sa]);
      expect(queue.counts.SUBMITTED).toBe(1);
      expect((await listReviewQueue(ottoScope, "all")).rows.map((r) => r.id).sort()).toEqual([subs.sb, subs.sab].sort());
      expect(await nextInQueue(inaScope, subs.sa)).toBeNull();
      expect((await loadClassEvidence(inaScope)).pairs.reduce((n, p) => n + p.writeUps, 0)).toBe(1);

      const grades = await collect(exportGradesCsv(inA));
      expect(grades).toContain(sa.email);
      expect(grades).toContain(sab.email);
      expect(grades).not.toContain(sb.email);
      expect(grades).not.toContain(ina.email);
      const runsOf = async (scope: typeof inaScope) =>
        new Set((JSON.parse(await collect(exportRunsJson(scope))) as RunExportRow[]).map((r) => r.email));
      expect([...(await runsOf(inA))]).toEqual([sa.email]);
      expect([...(await runsOf(ottoScope))].sort()).toEqual([sb.email, sab.email].sort());
    },
  );

  it("anything of another class opened by id is not there, with words that name nobody", { timeout: 90_000 }, async () => {
    const { ina, otto, sb, sab, subs, runs, inaScope, ottoScope } = await submittedWorld();
    // Otto holds sab's write-up, so a message naming the claimer would give him away.
    await claimSubmission(ottoScope, subs.sab);
    const notFound = { code: "NOT_FOUND", message: "That submission does not exist." };
    for (const id of [subs.sb, subs.sab]) {
      expect(await getSubmissionForViewer(ina, id)).toBeNull();
      await expect(claimSubmission(inaScope, id)).rejects.toMatchObject(notFound);
      await expect(releaseSubmission(inaScope, id)).rejects.toMatchObject(notFound);
      await expect(getReviewDraft(inaScope, id)).rejects.toMatchObject(notFound);
      await expect(saveReviewDraft(inaScope, id, { levels: {}, feedback: "x", grade: null })).rejects.toMatchObject(notFound);
      await expect(decideReview(inaScope, id, "RETURNED", { levels: {}, feedback: "x", grade: null })).rejects.toMatchObject(notFound);
    }
    const error = await claimSubmission(inaScope, subs.sab).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toBeDefined();
    expect(error?.message).not.toMatch(/otto|reviewing/i);
    expect(await getSubmissionForViewer(otto, subs.sab)).not.toBeNull();

    // Students and their runs: sb is in no class of Ina's; sab is (A), so their runs are hers to see.
    expect(await getStudentOverview(inaScope, sb.id)).toBeNull();
    const sabOverview = await getStudentOverview(inaScope, sab.id);
    expect(sabOverview?.submissions).toEqual([]);
    expect((await getStudentOverview(ottoScope, sab.id))?.submissions.map((s) => s.id)).toEqual([subs.sab]);
    expect(await getRunOwner(inaScope, runs.sb.id)).toBeNull();
    expect(await getLabRunView(ina, runs.sb.id)).toBeNull();
    expect(await getLabRunView(ina, runs.sab.id)).not.toBeNull();
    expect(await readLabImage(ina, runs.sb.imageId)).toBeNull();
    expect(await readLabImage(ina, runs.sab.imageId)).not.toBeNull();
    expect(await readLabImage(otto, runs.sb.imageId)).not.toBeNull();
  });
});
