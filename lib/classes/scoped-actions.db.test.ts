import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/server/session";
import { CLASS_COOKIE } from "@/lib/classes/server/class-choice";
import { waitForIdleRuns } from "@/lib/lab/jobs/data/worker";
import { submitWriteUp } from "@/lib/submissions/data/store";
import { readyDraft, world } from "@/test/class-world";
import { chooseClassAction } from "@/app/instructor/actions";
import { createResetLinkAction } from "@/app/instructor/password-reset/actions";
import {
  claimSubmissionAction,
  decideReviewAction,
  releaseSubmissionAction,
  saveReviewDraftAction,
} from "@/app/instructor/submissions/actions";
import { submitWriteUpAction } from "@/app/lessons/[slug]/lab/actions";

// The server actions of the instructor side and the write-up, called as a browser would, with the
// session this test says (as lib/server/action.db.test.ts does) and a cookie jar of its own: another
// class's write-up or student is not there, and the picker takes only a class taught.

const session = vi.hoisted(() => ({ user: null as unknown }));
vi.mock("@/lib/auth/server/session", () => ({ getCurrentUser: async () => session.user }));
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
    set: (name: string, value: string) => jar.set(name, value),
    delete: (name: string) => jar.delete(name),
  }),
  headers: async () => new Headers({ host: "lessonlab.test" }),
}));

const as = (user: SessionUser) => (session.user = user);
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

describe("scoped actions", () => {
  beforeAll(async () => {
    await fetch(`${process.env.E2E_OLLAMA_URL}/__test/reset`, { method: "POST", body: "{}" });
  });
  beforeEach(() => jar.clear());
  afterEach(() => waitForIdleRuns());

  it("refuse another class's write-up and student as unknown, and set the picker only to a class taught", { timeout: 90_000 }, async () => {
    const { ina, sb, sab, a, b } = await world();
    const [rb, rab] = await Promise.all([readyDraft(sb), readyDraft(sab)]);
    const { submissionId } = await submitWriteUp(sb, { revision: rb });

    as(ina);
    const review = { submissionId, levels: {}, feedback: "x", grade: null };
    for (const result of [
      await claimSubmissionAction(submissionId),
      await releaseSubmissionAction(submissionId),
      await saveReviewDraftAction(review),
      await decideReviewAction({ ...review, decision: "RETURNED" }),
    ]) {
      expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await createResetLinkAction(null, form({ email: sb.email }))).toMatchObject({
      ok: false,
      fieldErrors: { email: ["No account has this email address."] },
    });
    expect(await createResetLinkAction(null, form({ email: sab.email }))).toMatchObject({ ok: true });

    expect(await chooseClassAction(null, form({ classId: b }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(jar.has(CLASS_COOKIE)).toBe(false);
    expect(await chooseClassAction(null, form({ classId: a }))).toMatchObject({ ok: true });
    expect(jar.get(CLASS_COOKIE)).toBe(a);
    expect(await chooseClassAction(null, form({ classId: "all" }))).toMatchObject({ ok: true });
    expect(jar.get(CLASS_COOKIE)).toBe("all");

    // A student in two classes submits without saying which: told to choose, on the field.
    as(sab);
    expect(await submitWriteUpAction({ revision: rab })).toMatchObject({
      ok: false,
      code: "CLASS_REQUIRED",
      fieldErrors: { classId: ["Choose the class this write-up is for."] },
    });
    expect(await submitWriteUpAction({ revision: rab, classId: a })).toMatchObject({ ok: true });
    // A student cannot pick the instructor's class.
    expect(await chooseClassAction(null, form({ classId: a }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});
