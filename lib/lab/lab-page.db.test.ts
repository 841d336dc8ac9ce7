import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/data/users";
import { db } from "@/lib/db";
import { labPageFor } from "@/lib/lab/data/lab-page";
import { waitForIdleRuns } from "@/lib/lab/jobs/data/worker";
import { LAB_PAGE_VERSION } from "@/lib/lab/types";
import { emptyWriteUp } from "@/lib/submissions/schemas";
import { finishedSampleRun } from "@/test/lab-runs";

// The reader's own lab (GET /api/me/lab), whose page's HTML is shared by every member: what it
// shows, whose it shows, and when the exemplar write-ups come along.

const LESSON = "local-qwen-vl";
const student = () =>
  createUser({ name: "Lab Page", email: `lab-page-${randomUUID().slice(0, 8)}@example.test`, password: "correct horse battery" });

afterEach(() => waitForIdleRuns());

describe("a reader's lab", () => {
  it("starts empty for a new student, with the models the pool has and the recommended pair", async () => {
    const ada = await student();
    const page = await labPageFor(ada, LESSON, null);
    if (!page.user) throw new Error("a member's page");
    expect(page.v).toBe(LAB_PAGE_VERSION);
    expect(page.user).toEqual({ id: ada.id });
    const { workbench, writeUp } = page;
    expect(workbench.runs).toEqual([]);
    expect(workbench.run).toBeNull();
    expect(workbench.runImage).toBeNull();
    expect(workbench.truth).toBeNull();
    expect(workbench.ollama).toMatchObject({ reachable: true, message: null });
    expect(workbench.textModels.map((m) => m.name)).toContain("llama3.2:3b");
    expect(workbench.visionModels.map((m) => m.name)).toContain("qwen2.5vl:3b");
    expect(workbench.textModels.every((m) => m.kind === "text")).toBe(true);
    expect(workbench.defaultModels.text).not.toBe("");
    expect(workbench.showOperatorHelp).toBe(false);
    expect(writeUp).toMatchObject({ submissionId: null, state: "DRAFT", draft: emptyWriteUp(), revision: 0, exemplars: null });
  });

  it("opens a run only for its owner, with its screenshot and the sample's truth", async () => {
    const ada = await student();
    const bo = await student();
    const runId = await finishedSampleRun(ada);
    const own = await labPageFor(ada, LESSON, runId);
    if (!own.user) throw new Error("a member's page");
    expect(own.workbench.run).toMatchObject({ id: runId, sampleId: "settings-screen" });
    expect(own.workbench.runImage).toMatchObject({ sampleId: "settings-screen" });
    expect(own.workbench.truth?.controls.length).toBeGreaterThan(0);
    expect(own.workbench.runs.map((r) => r.id)).toEqual([runId]);
    // the run the student ran last is where the form starts
    expect(own.workbench.defaultModels).toEqual({ text: "llama3.2:3b", vision: "qwen2.5vl:3b" });
    // the finished run can be the write-up's evidence
    expect(own.writeUp.evidenceRuns.map((r) => r.runId)).toContain(runId);

    // another student asking for Ada's run gets none of it
    const other = await labPageFor(bo, LESSON, runId);
    if (!other.user) throw new Error("a member's page");
    expect(other.workbench).toMatchObject({ run: null, runImage: null, truth: null, runs: [] });
    expect(other.writeUp.evidenceRuns).toEqual([]);
    expect(JSON.stringify(other)).not.toContain(runId);
  });

  it("sends the exemplar write-ups only once the write-up is no longer a draft", async () => {
    const ada = await student();
    const draft = await labPageFor(ada, LESSON, null);
    expect(draft.user && draft.writeUp.exemplars).toBeNull();
    await db.labSubmission.create({
      data: { userId: ada.id, lessonSlug: LESSON, state: "SUBMITTED", draft: JSON.stringify(emptyWriteUp()), currentVersion: 1 },
    });
    const submitted = await labPageFor(ada, LESSON, null);
    if (!submitted.user) throw new Error("a member's page");
    expect(submitted.writeUp.state).toBe("SUBMITTED");
    expect(submitted.writeUp.exemplars?.length).toBeGreaterThan(0);
  });
});
