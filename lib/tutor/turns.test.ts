import { describe, expect, it } from "vitest";
import { applyTutorEvent, finishTurn, interruptTurn, newTurn, restoreTurns } from "@/lib/tutor/turns";

const source = { n: 1, anchor: "a", title: "A", excerpt: "x" };

describe("tutor turns", () => {
  it("follows a model answer from start to done", () => {
    let turn = newTurn("1", "why?");
    turn = applyTutorEvent(turn, { type: "start", mode: "model", sources: [source], model: "m" });
    expect(turn).toMatchObject({ status: "answering", mode: "model", sources: [source], model: "m" });
    turn = applyTutorEvent(turn, { type: "delta", text: "Be" });
    turn = applyTutorEvent(turn, { type: "delta", text: "cause" });
    expect(turn.answer).toBe("Because");
    expect(applyTutorEvent(turn, { type: "done" }).status).toBe("done");
    expect(applyTutorEvent(turn, { type: "error", message: "boom" })).toMatchObject({ status: "failed", error: "boom" });
  });

  it("is done at once for passages", () => {
    expect(applyTutorEvent(newTurn("1", "q"), { type: "start", mode: "passages", sources: [] }).status).toBe("done");
  });

  it("fails a stream that ended without a start, and keeps a failure", () => {
    expect(finishTurn(newTurn("1", "q"))).toMatchObject({ status: "failed", error: "The tutor sent no answer." });
    const failed = interruptTurn(newTurn("1", "q"), true);
    expect(failed.error).toBe("Stopped. What arrived is kept.");
    expect(finishTurn(failed)).toBe(failed);
    expect(interruptTurn(newTurn("1", "q"), false).error).toMatch(/connection dropped/);
  });

  it("restores a conversation, marking a cut-off turn as stopped", () => {
    expect(restoreTurns("nope")).toEqual([]);
    const restored = restoreTurns([newTurn("1", "q"), { ...newTurn("2", "r"), status: "done" }]);
    expect(restored[0]).toMatchObject({ status: "failed", error: "The page reloaded before the answer finished." });
    expect(restored[1]?.status).toBe("done");
  });
});
