import { describe, expect, it } from "vitest";
import { selectRows, totalsOf, type ClassRow } from "@/lib/instructor/data/class-progress";

const row = (over: Partial<ClassRow> & { id: string }): ClassRow => ({
  name: over.id,
  email: `${over.id}@example.test`,
  joinedAt: "2026-11-01T00:00:00.000Z",
  stepsDone: 0,
  stepsTotal: 4,
  quiz: { attempts: 0, first: null, best: null, latest: null },
  labRuns: 0,
  submission: null,
  lastActive: null,
  ...over,
});

const s = (score: number) => ({ score, total: 15, at: "2026-11-20T00:00:00.000Z" });
const rows = [
  row({
    id: "ada",
    stepsDone: 4,
    quiz: { attempts: 2, first: s(9), best: s(14), latest: s(14) },
    labRuns: 3,
    submission: { id: "x", state: "RETURNED", version: 1 },
  }),
  row({ id: "bo", stepsDone: 1, quiz: { attempts: 1, first: s(12), best: s(12), latest: s(12) } }),
  row({
    id: "cy",
    stepsDone: 2,
    labRuns: 1,
    submission: { id: "y", state: "SUBMITTED", version: 1 },
    name: "Cy Zed",
    email: "cyz@school.example",
  }),
];

describe("the class table", () => {
  it("filters by where students are", () => {
    expect(selectRows(rows, { filter: "not-started-lab" }).map((r) => r.id)).toEqual(["bo"]);
    expect(selectRows(rows, { filter: "returned-not-resubmitted" }).map((r) => r.id)).toEqual(["ada"]);
    expect(selectRows(rows, { filter: "waiting-review" }).map((r) => r.id)).toEqual(["cy"]);
    expect(selectRows(rows, { filter: "no-quiz" }).map((r) => r.id)).toEqual(["cy"]);
  });

  it("searches names and emails, and sorts either way", () => {
    expect(selectRows(rows, { q: "SCHOOL" }).map((r) => r.id)).toEqual(["cy"]);
    expect(selectRows(rows, { sort: "quiz-best", dir: "desc" }).map((r) => r.id)).toEqual(["ada", "bo", "cy"]);
    expect(selectRows(rows, { sort: "steps" }).map((r) => r.id)).toEqual(["bo", "cy", "ada"]);
    expect(selectRows(rows, { sort: "write-up", dir: "desc" }).map((r) => r.id)).toEqual(["ada", "cy", "bo"]);
  });

  it("totals the class", () => {
    expect(totalsOf(rows)).toEqual({
      students: 3,
      startedLab: 2,
      tookQuiz: 2,
      submitted: 2,
      waiting: 1,
      meanBest: (14 / 15 + 12 / 15) / 2,
    });
  });
});
