import { describe, expect, it } from "vitest";
import type { LabCellView } from "@/lib/lab/types";
import { finishedCellsMs, runElapsedMs, serverClockLead } from "@/lib/lab/elapsed";

const T0 = Date.parse("2026-12-06T10:00:00.000Z");
const cell = (column: LabCellView["column"], ms: number | null) =>
  ({
    column,
    metrics: column === "OCR" || ms === null ? null : { totalMs: ms },
    ocrMetrics: column === "OCR" && ms !== null ? { ocrMs: ms } : null,
  }) as LabCellView;

describe("a live run's elapsed time", () => {
  it("says nothing before the run has started or while under a second with nothing finished", () => {
    expect(runElapsedMs({ startedAt: null, cells: [] }, T0, 0)).toBeNull();
    expect(runElapsedMs({ startedAt: new Date(T0).toISOString(), cells: [cell("TEXT", null)] }, T0 + 400, 0)).toBeNull();
    expect(runElapsedMs({ startedAt: new Date(T0).toISOString(), cells: [] }, T0 + 2500, 0)).toBe(2500);
  });

  it("never reads 0 once cells have finished, even with the browser's clock behind the server's", () => {
    const startedAt = new Date(T0).toISOString();
    const cells = [cell("TEXT", 1000), cell("TEXT", 1200), cell("VISION", 1500), cell("OCR", 300)];
    expect(finishedCellsMs(cells)).toBe(2200);
    // The browser is 5 s behind: naively -5 s.
    expect(runElapsedMs({ startedAt, cells }, T0 - 5000, 0)).toBe(2200);
    // With the lead learnt from the view's arrival, the clock counts from the run's real start.
    const lead = serverClockLead(startedAt, T0 - 5000);
    expect(lead).toBe(5000);
    expect(runElapsedMs({ startedAt, cells }, T0 - 5000 + 3000, lead)).toBe(3000);
  });

  it("learns the server's lead only upwards", () => {
    expect(serverClockLead(null, T0, 7)).toBe(7);
    expect(serverClockLead(new Date(T0).toISOString(), T0 + 1000, 200)).toBe(200);
    expect(serverClockLead(new Date(T0).toISOString(), T0 - 300, 200)).toBe(300);
  });
});
