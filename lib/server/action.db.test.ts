import { redirect } from "next/navigation";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { fail, ok } from "@/lib/action-result";
import { AppError } from "@/lib/app-error";
import type { SessionUser } from "@/lib/auth/server/session";
import { defineAction, defineFormAction } from "@/lib/server/action";

// The wrapper's decisions, without a database: the session is whatever this test says it is.
const session = vi.hoisted(() => ({ user: null as unknown }));
vi.mock("@/lib/auth/server/session", () => ({ getCurrentUser: async () => session.user }));

const student = { id: "u1", role: "STUDENT" } as SessionUser;
const instructor = { id: "u2", role: "INSTRUCTOR" } as SessionUser;

const echo = vi.fn(async (input: { name: string }, context: { user: SessionUser | null }) =>
  ok({ input, userId: context.user?.id ?? null }),
);
const input = z.strictObject({ name: z.string().min(1, { error: "Enter a name." }) });

beforeEach(() => {
  session.user = null;
  echo.mockClear();
});

describe("defineAction", () => {
  it("refuses a missing session with the table's message and what the page keeps, before reading the input", async () => {
    const action = defineAction({ scope: "t", input, role: "STUDENT", kept: "your prompts stay on this page" }, echo);
    expect(await action({ name: "" })).toEqual({
      ok: false,
      code: "UNAUTHENTICATED",
      message: "Your session ended. Sign in again; your prompts stay on this page.",
    });
    const plain = defineAction({ scope: "t", input, role: "STUDENT" }, echo);
    expect(await plain({ name: "a" })).toMatchObject({ code: "UNAUTHENTICATED", message: "Your session ended. Sign in again." });
    expect(echo).not.toHaveBeenCalled();
  });

  it("refuses a student where an instructor is needed; an instructor may do what a student may", async () => {
    const forInstructors = defineAction({ scope: "t", input, role: "INSTRUCTOR" }, echo);
    session.user = student;
    expect(await forInstructors({ name: "a" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    session.user = instructor;
    expect(await forInstructors({ name: "a" })).toEqual({ ok: true, value: { input: { name: "a" }, userId: "u2" } });
    const forStudents = defineAction({ scope: "t", input, role: "STUDENT" }, echo);
    expect(await forStudents({ name: "a" })).toMatchObject({ ok: true });
  });

  it("lets a guest through with no user", async () => {
    const action = defineAction({ scope: "t", input, role: "GUEST" }, echo);
    expect(await action({ name: "a" })).toEqual({ ok: true, value: { input: { name: "a" }, userId: null } });
    session.user = student;
    expect(await action({ name: "a" })).toEqual({ ok: true, value: { input: { name: "a" }, userId: "u1" } });
  });

  it("turns a failed parse into INVALID_INPUT with each field's messages", async () => {
    session.user = student;
    const action = defineAction({ scope: "t", input, role: "STUDENT", invalid: "That could not be saved." }, echo);
    expect(await action({ name: "" })).toEqual({
      ok: false,
      code: "INVALID_INPUT",
      message: "That could not be saved.",
      fieldErrors: { name: ["Enter a name."] },
    });
    const plain = defineAction({ scope: "t", input, role: "STUDENT" }, echo);
    expect(await plain({ name: 3 } as never)).toMatchObject({ code: "INVALID_INPUT", message: "Check the highlighted fields." });
    expect(echo).not.toHaveBeenCalled();
  });

  it("passes the handler's own failures through", async () => {
    session.user = student;
    const action = defineAction({ scope: "t", input: z.void(), role: "STUDENT" }, async () => fail("CONFLICT"));
    expect(await action()).toMatchObject({ ok: false, code: "CONFLICT" });
  });

  it("maps what the handler throws: domain errors as they are, anything else as the server's fault", async () => {
    session.user = student;
    const domain = defineAction({ scope: "t", input: z.void(), role: "STUDENT" }, async () => {
      throw new AppError("LOCKED", "This write-up is submitted.");
    });
    expect(await domain()).toEqual({ ok: false, code: "LOCKED", message: "This write-up is submitted." });

    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const broken = defineAction({ scope: "scope-name", input: z.void(), role: "STUDENT" }, async () => {
      throw new Error("database gone");
    });
    expect(await broken()).toMatchObject({ ok: false, code: "INTERNAL" });
    expect(log).toHaveBeenCalledWith("[scope-name]", expect.any(Error));
    log.mockRestore();
  });

  it("lets Next's redirect through", async () => {
    const action = defineAction({ scope: "t", input: z.void(), role: "GUEST" }, async () => redirect("/signin"));
    await expect(action()).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
  });
});

describe("defineFormAction", () => {
  it("reads the schema's fields from the FormData (a missing one is undefined) and ignores the previous state", async () => {
    session.user = student;
    const form = z.object({ name: z.string(), note: z.string().optional() });
    const handler = vi.fn(async (values: z.output<typeof form>) => ok(values));
    const action = defineFormAction({ scope: "t", input: form, role: "STUDENT" }, handler);
    const data = new FormData();
    data.set("name", "Ada");
    data.set("extra", "not in the schema");
    expect(await action(null, data)).toEqual({ ok: true, value: { name: "Ada" } });
    expect(handler).toHaveBeenCalledWith({ name: "Ada" }, { user: student });

    const empty = await action({ ok: true, value: { name: "before" } }, new FormData());
    expect(empty).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { name: [expect.any(String)] } });
  });
});
