import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fail, ok, type ActionResult } from "@/lib/action-result";
import { createAutosaver, SAVE_DELAY_MS, statusAfterEdit, type SavedDraft, type SaveStatus } from "@/lib/submissions/autosave";

type Call = { value: string; revision: number | undefined; resolve: (result: ActionResult<SavedDraft>) => void };

function setup(options: { holdOn?: ("CONFLICT" | "LOCKED")[]; noResponseMessage?: string } = {}) {
  const calls: Call[] = [];
  const statuses: SaveStatus[] = [];
  const saved: [string, boolean][] = [];
  const saver = createAutosaver<string>({
    initial: "a",
    savedAt: null,
    revision: 1,
    save: (value, revision) => new Promise((resolve) => calls.push({ value, revision, resolve })),
    onStatus: (status) => statuses.push(status),
    onSaved: (value, upToDate) => saved.push([value, upToDate]),
    ...options,
  });
  return { saver, calls, statuses, saved };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

describe("autosave", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("waits for typing to pause before saving, then saves the newest value once", async () => {
    const { saver, calls, statuses } = setup();
    saver.edit("ab");
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS - 1);
    saver.edit("abc");
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS - 1);
    expect(calls).toHaveLength(0);
    expect(statuses.at(-1)).toEqual({ kind: "pending" });
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.value)).toEqual(["abc"]);
    expect(statuses.at(-1)).toEqual({ kind: "saving" });
  });

  it("keeps one save in flight and sends the next with the revision the first got", async () => {
    const { saver, calls, saved, statuses } = setup();
    saver.edit("b");
    const first = saver.flush();
    saver.edit("c");
    const second = saver.flush();
    const third = saver.flush();
    await settle();
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(ok({ savedAt: "t1", revision: 2 }));
    await first;
    await settle();
    expect(saved[0]).toEqual(["b", false]);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toMatchObject({ value: "c", revision: 2 });
    calls[1]!.resolve(ok({ savedAt: "t2", revision: 3 }));
    await Promise.all([second, third]);
    expect(calls).toHaveLength(2);
    expect(saver.isSaved()).toBe(true);
    expect(saver.revision()).toBe(3);
    expect(statuses.at(-1)).toEqual({ kind: "saved", at: "t2" });
  });

  it("does not save a value the server already has", async () => {
    const { saver, calls, statuses } = setup();
    saver.edit("b");
    saver.edit("a");
    await saver.flush();
    expect(calls).toHaveLength(0);
    expect(statuses.at(-1)).toEqual({ kind: "saved", at: null });
  });

  it("keeps a conflict shown while typing goes on, but not an ordinary failure", async () => {
    const { saver, calls, statuses } = setup({ holdOn: ["CONFLICT", "LOCKED"] });
    saver.edit("b");
    const run = saver.flush();
    await settle();
    calls[0]!.resolve(fail("CONFLICT", "Saved in another tab."));
    await run;
    saver.edit("bc");
    expect(statuses.at(-1)).toEqual({ kind: "failed", code: "CONFLICT", message: "Saved in another tab." });
    expect(statusAfterEdit({ kind: "failed", code: "INTERNAL", message: "x" }, ["CONFLICT"])).toEqual({ kind: "pending" });
  });

  it("says the component's own words when the server does not answer, and a rejected save counts as that", async () => {
    const saver = createAutosaver<string>({
      initial: "a",
      savedAt: null,
      save: () => Promise.reject(new Error("network")),
      onStatus: () => undefined,
      noResponseMessage: "Not saved yet: the server did not answer.",
    });
    saver.edit("b");
    await saver.flush();
    expect(saver.status()).toEqual({ kind: "failed", code: "NO_RESPONSE", message: "Not saved yet: the server did not answer." });
    expect(saver.isSaved()).toBe(false);
  });

  it("rebases on the server's copy to save this one over it, or resets to it", async () => {
    const { saver, calls } = setup();
    saver.edit("mine");
    saver.cancel();
    const run = saver.rebase("theirs", { revision: 7 });
    await settle();
    expect(calls[0]).toMatchObject({ value: "mine", revision: 7 });
    calls[0]!.resolve(ok({ savedAt: "t", revision: 8 }));
    await run;
    saver.edit("again");
    saver.reset("server", { savedAt: "t9", revision: 9 });
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(calls).toHaveLength(1);
    expect(saver.latest()).toBe("server");
    expect(saver.status()).toEqual({ kind: "saved", at: "t9" });
  });
});
