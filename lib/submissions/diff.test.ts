import { describe, expect, it } from "vitest";
import { diffWords, diffWriteUps } from "@/lib/submissions/diff";
import { emptyWriteUp, type WriteUp } from "@/lib/submissions/schemas";

const joined = (parts: { kind: string; text: string }[], kinds: string[]) =>
  parts
    .filter((p) => kinds.includes(p.kind))
    .map((p) => p.text)
    .join("");

describe("diffWords", () => {
  it("marks an inserted word and keeps the rest as it was", () => {
    expect(diffWords("Which toggles are on", "Which toggles are really on")).toEqual([
      { kind: "same", text: "Which toggles are " },
      { kind: "inserted", text: "really " },
      { kind: "same", text: "on" },
    ]);
  });

  it("marks a replaced word as deleted then inserted", () => {
    const parts = diffWords("use it for receipts", "use it for settings screens");
    expect(parts.filter((p) => p.kind !== "same")).toEqual([
      { kind: "deleted", text: "receipts" },
      { kind: "inserted", text: "settings screens" },
    ]);
  });

  it("gives back both texts: the unchanged and deleted parts are the old, the unchanged and inserted the new", () => {
    const before = "The vision model read every label\nand the toggle states";
    const after = "The model read every visible label\nand missed the toggle states entirely";
    const parts = diffWords(before, after);
    expect(joined(parts, ["same", "inserted"]).replace(/\s+/g, " ").trim()).toBe(after.replace(/\s+/g, " "));
    expect(joined(parts, ["same", "deleted"]).replace(/\s+/g, " ").trim()).toBe(before.replace(/\s+/g, " "));
  });

  it("handles empty texts on either side", () => {
    expect(diffWords("", "")).toEqual([]);
    expect(diffWords("", "new words")).toEqual([{ kind: "inserted", text: "new words" }]);
    expect(diffWords("old words", "")).toEqual([{ kind: "deleted", text: "old words" }]);
  });
});

describe("diffWriteUps", () => {
  const cells = [
    { key: "VISION:task", column: "VISION" as const, promptKind: "task", model: "qwen2.5vl:3b", status: "DONE" },
    { key: "VISION:failure", column: "VISION" as const, promptKind: "failure", model: "qwen2.5vl:3b", status: "DONE" },
  ];
  const v1: WriteUp = {
    ...emptyWriteUp("r1"),
    ratings: { "VISION:task": { rating: 3, note: "" } },
    cannotKnow: "Which toggles are on",
    failure: { text: "It invented options", cell: "VISION:task" },
  };

  it("says which fields changed and which did not", () => {
    const v2: WriteUp = { ...v1, cannotKnow: "Which toggles are on\nMemory: 5.1 GB", failure: { ...v1.failure, cell: "VISION:failure" } };
    const changes = diffWriteUps(v1, v2, cells);
    const byLabel = Object.fromEntries(changes.map((c) => [c.label, c]));
    expect(byLabel["Ratings and notes"]?.changed).toBe(false);
    expect(byLabel["Surprising failure"]?.changed).toBe(false);
    expect(byLabel["What the text-only model cannot know"]).toMatchObject({ changed: true, inserted: 3, deleted: 0 });
    expect(byLabel["Where it happened"]?.parts.filter((p) => p.kind === "inserted").map((p) => p.text.trim())).toEqual(["Likely failure"]);
    expect(changes.some((c) => c.label === "The run")).toBe(false);
  });

  it("lists each changed rating by the answer it judges", () => {
    const v2: WriteUp = { ...v1, ratings: { "VISION:task": { rating: 4, note: "read the labels" } } };
    const ratings = diffWriteUps(v1, v2, cells).filter((c) => c.label.startsWith("Rating"));
    expect(ratings.map((c) => c.label)).toEqual(["Rating: qwen2.5vl:3b, Task-specific"]);
    expect(ratings[0]!.changed).toBe(true);
  });
});
