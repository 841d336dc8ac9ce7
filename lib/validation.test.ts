import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fromUnknown, idSchema, revisionSchema, slugSchema } from "@/lib/validation";

describe("shared input schemas", () => {
  it("slugs are lower-case letters, digits and hyphens, 1 to 100 of them", () => {
    for (const ok of ["a", "vision-models", "lesson-2", "x".repeat(100)]) expect(slugSchema.safeParse(ok).success, ok).toBe(true);
    for (const bad of ["", "Vision", "a b", "a_b", "../x", "x".repeat(101), 7, null])
      expect(slugSchema.safeParse(bad).success, String(bad)).toBe(false);
  });

  it("ids are 1 to 40 characters", () => {
    expect(idSchema.safeParse("clx0abc123").success).toBe(true);
    expect(idSchema.safeParse("").success).toBe(false);
    expect(idSchema.safeParse("x".repeat(41)).success).toBe(false);
    expect(idSchema.safeParse(12).success).toBe(false);
  });

  it("revisions are whole numbers from 0", () => {
    expect(revisionSchema.safeParse(0).success).toBe(true);
    expect(revisionSchema.safeParse(3).success).toBe(true);
    expect(revisionSchema.safeParse(-1).success).toBe(false);
    expect(revisionSchema.safeParse(1.5).success).toBe(false);
    expect(revisionSchema.safeParse("1").success).toBe(false);
  });

  it("fromUnknown judges exactly as the schema does", () => {
    const schema = fromUnknown(z.strictObject({ revision: revisionSchema }));
    expect(schema.parse({ revision: 2 })).toEqual({ revision: 2 });
    expect(schema.safeParse({ revision: 2, extra: 1 }).success).toBe(false);
    expect(schema.safeParse(undefined).success).toBe(false);
  });
});
