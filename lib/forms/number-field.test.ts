import { describe, expect, it } from "vitest";
import { readNumberField } from "@/lib/forms/number-field";

const side = { min: 1, max: 8192, isInteger: true, unit: "px" };

describe("readNumberField", () => {
  it("reads a number inside the range", () => {
    expect(readNumberField("1280", side)).toEqual({ ok: true, value: 1280 });
    expect(readNumberField(" 8192 ", side)).toEqual({ ok: true, value: 8192 });
    expect(readNumberField("2.5", { min: 0, max: 10 })).toEqual({ ok: true, value: 2.5 });
  });

  it("says what is wrong, with the range", () => {
    expect(readNumberField("", side)).toEqual({ ok: false, message: "Enter a number from 1 to 8,192 px." });
    expect(readNumberField("9000", side)).toEqual({ ok: false, message: "Out of range: enter a number from 1 to 8,192 px." });
    expect(readNumberField("0", side)).toEqual({ ok: false, message: "Out of range: enter a number from 1 to 8,192 px." });
    expect(readNumberField("12.5", side)).toEqual({ ok: false, message: "Enter a whole number from 1 to 8,192 px." });
    expect(readNumberField("abc", side)).toEqual({ ok: false, message: "Enter digits only, a number from 1 to 8,192 px." });
    expect(readNumberField("0.25", { min: 0.5, max: 64 })).toEqual({ ok: false, message: "Out of range: enter a number from 0.5 to 64." });
  });
});
