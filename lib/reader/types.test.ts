import { describe, expect, it } from "vitest";
import { GUEST_READER_PAGE, readerPageUrl, readerQueryFor } from "@/lib/reader/types";
import { SLUG_PATTERN } from "@/lib/validation";

describe("readerQueryFor", () => {
  it("asks for the catalogue on the home page", () => {
    expect(readerQueryFor("/")).toEqual({ catalogue: true });
  });

  it("asks for the lesson on a lesson's page and the pages under it", () => {
    expect(readerQueryFor("/lessons/local-qwen-vl")).toEqual({ lesson: "local-qwen-vl" });
    expect(readerQueryFor("/lessons/local-qwen-vl/")).toEqual({ lesson: "local-qwen-vl" });
    expect(readerQueryFor("/lessons/local-qwen-vl/quiz")).toEqual({ lesson: "local-qwen-vl" });
    expect(readerQueryFor("/lessons/local-qwen-vl/lab")).toEqual({ lesson: "local-qwen-vl" });
  });

  it("asks for neither elsewhere, or when the slug is not one a lesson could have", () => {
    expect(readerQueryFor("/account")).toEqual({});
    expect(readerQueryFor("/lessons")).toEqual({});
    expect(readerQueryFor("/lessons/")).toEqual({});
    expect(readerQueryFor("/lessons/BAD..slug")).toEqual({});
    expect(readerQueryFor("/lessons/bad..slug")).toEqual({});
    expect(readerQueryFor("/lessons/Local-Qwen-VL")).toEqual({});
    expect(readerQueryFor(`/lessons/${"a".repeat(101)}`)).toEqual({});
    expect(readerQueryFor("/other/lessons/local-qwen-vl")).toEqual({});
  });

  it("asks only for slugs GET /api/me/page accepts", () => {
    const longest = "a".repeat(100);
    expect(readerQueryFor(`/lessons/${longest}`)).toEqual({ lesson: longest });
    for (const path of ["/lessons/local-qwen-vl/quiz", `/lessons/${longest}/lab`, "/lessons/0-9/x"])
      expect(readerQueryFor(path).lesson).toMatch(SLUG_PATTERN);
  });
});

describe("readerPageUrl", () => {
  it("has no query for header and progress only", () => {
    expect(readerPageUrl({})).toBe("/api/me/page");
    expect(readerPageUrl({ catalogue: false })).toBe("/api/me/page");
  });

  it("names the lesson", () => {
    expect(readerPageUrl({ lesson: "local-qwen-vl" })).toBe("/api/me/page?lesson=local-qwen-vl");
  });

  it("asks for the catalogue view", () => {
    expect(readerPageUrl({ catalogue: true })).toBe("/api/me/page?view=catalogue");
  });

  it("is the URL for each pathname's query", () => {
    expect(readerPageUrl(readerQueryFor("/"))).toBe("/api/me/page?view=catalogue");
    expect(readerPageUrl(readerQueryFor("/lessons/local-qwen-vl/lab"))).toBe("/api/me/page?lesson=local-qwen-vl");
    expect(readerPageUrl(readerQueryFor("/account"))).toBe("/api/me/page");
  });
});

describe("GUEST_READER_PAGE", () => {
  it("is the versioned answer with no user", () => {
    expect(JSON.stringify(GUEST_READER_PAGE)).toBe('{"v":1,"user":null}');
  });
});
