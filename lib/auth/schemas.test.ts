import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { callbackPathSchema, signInSchema, signUpSchema } from "@/lib/auth/schemas";

describe("sign-up validation", () => {
  it("accepts a good account and normalises the email", () => {
    const result = signUpSchema.parse({ name: " Ada ", email: " Ada@Example.COM ", password: "correct horse" });
    expect(result).toEqual({ name: "Ada", email: "ada@example.com", password: "correct horse" });
  });

  it("names each problem on its own field", () => {
    const result = signUpSchema.safeParse({ name: "", email: "not-an-email", password: "short" });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => i.path[0]);
    expect(fields).toEqual(expect.arrayContaining(["name", "email", "password"]));
    expect(result.error!.issues.find((i) => i.path[0] === "password")!.message).toMatch(/at least 10/);
  });

  it("asks for missing fields rather than reporting a type error", () => {
    const result = signInSchema.safeParse({});
    expect(result.error!.issues.map((i) => i.message)).toEqual(["Enter your email address.", "Enter your password."]);
  });
});

describe("callback paths", () => {
  it.each([
    ["/instructor", "/instructor"],
    ["/lessons/local-qwen-vl/lab?x=1", "/lessons/local-qwen-vl/lab?x=1"],
    ["//evil.example.com", "/"],
    ["/\\evil.example.com", "/"],
    ["https://evil.example.com", "/"],
    ["/api/auth/signout", "/"],
    [undefined, "/"],
  ])("%s goes to %s", (input, expected) => {
    expect(callbackPathSchema.parse(input)).toBe(expected);
  });

  test.prop([fc.string()])("never leaves the site", (input) => {
    const out = callbackPathSchema.parse(input);
    expect(out.startsWith("/")).toBe(true);
    expect(out.startsWith("//")).toBe(false);
    expect(out.startsWith("/\\")).toBe(false);
    expect(new URL(out, "https://lesson-lab.test").origin).toBe("https://lesson-lab.test");
  });
});
