import { describe, expect, it } from "vitest";
import { formatBytes, formatDate, formatDateTime, formatDuration, formatNumber, formatPercent, formatSpan } from "@/lib/format";

describe("format", () => {
  it("numbers, sizes and shares", () => {
    expect(formatNumber(1234.56, 1)).toBe("1,234.6");
    expect(formatNumber(null)).toBe("—");
    expect(formatBytes(3_200_000_000)).toBe("3.2 GB");
    expect(formatBytes(815_000_000)).toBe("815 MB");
    expect(formatBytes(1_234_567, 2)).toBe("1.23 MB");
    expect(formatBytes(48_200)).toBe("48 KB");
    expect(formatPercent(0.724)).toBe("72%");
  });

  it("durations for measurements and spans for reading", () => {
    expect(formatDuration(850.4)).toBe("850 ms");
    expect(formatDuration(2345)).toBe("2.35 s");
    expect(formatDuration(250_000)).toBe("4 min 10 s");
    expect(formatDuration(3_900_000)).toBe("1 h 5 min");
    expect(formatDuration(undefined)).toBe("—");
    expect(formatSpan(4 * 60_000 + 10_000)).toBe("4 min");
    expect(formatSpan(20_000)).toBe("less than a minute");
  });

  it("dates in an explicit zone: the same instant reads the same anywhere", () => {
    const instant = "2026-11-26T23:30:00.000Z";
    expect(formatDate(instant, "UTC")).toBe("26 Nov 2026");
    expect(formatDate(instant, "Asia/Tokyo")).toBe("27 Nov 2026");
    expect(formatDate(instant, "UTC", "long")).toBe("26 November 2026");
    expect(formatDateTime(instant, "UTC")).toBe("26 Nov 2026, 23:30 UTC");
  });
});
