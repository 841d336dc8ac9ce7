import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  CODE_ALPHABET,
  classCodeSchema,
  classNameSchema,
  formatClassCode,
  joinPath,
  newClassCode,
  normaliseClassCode,
} from "@/lib/classes/codes";

describe("class codes", () => {
  it("are eight characters of the alphabet without look-alikes, each equally likely", () => {
    expect(CODE_ALPHABET).not.toMatch(/[0O1IL5S2Z]/);
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const code = newClassCode(randomBytes);
      expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{8}$`));
      for (const c of code) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(counts.size).toBe(CODE_ALPHABET.length);
    // 16,000 characters over 27: about 593 each; rejection sampling keeps the first ones from being favoured
    for (const n of counts.values()) expect(n).toBeGreaterThan(450);
    // bytes at or above the last full multiple of the alphabet are thrown away
    expect(newClassCode((n) => new Uint8Array(n).fill(255).map((v, i) => (i < n / 2 ? v : 3)))).toBe("7".repeat(8));
  });

  it("are shown in two groups and read back however they were typed", () => {
    expect(formatClassCode("K7MXHQ3D")).toBe("K7MX-HQ3D");
    expect(normaliseClassCode(" k7mx-hq3d ")).toBe("K7MXHQ3D");
    expect(classCodeSchema.parse("k7mx hq3d")).toBe("K7MXHQ3D");
    expect(joinPath("K7MXHQ3D")).toBe("/join?code=K7MX-HQ3D");
    for (const bad of ["", "K7MX", "K7MX-HQ3D-X", "O0O0-O0O0", "<script>", "K7MX-HQ3D".repeat(10)]) {
      expect(classCodeSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("need a name of at most 80 characters, trimmed", () => {
    expect(classNameSchema.parse("  Vision models, autumn  ")).toBe("Vision models, autumn");
    expect(classNameSchema.safeParse("   ").success).toBe(false);
    expect(classNameSchema.safeParse("x".repeat(81)).success).toBe(false);
  });
});
