import { describe, expect, it } from "vitest";
import { defaultModelPair, readStoredPair } from "@/lib/lab/default-pair";

const recommended = [
  { text: "qwen3:4b-instruct", vision: "qwen3-vl:4b-instruct" },
  { text: "llama3.2:3b", vision: "qwen2.5vl:3b" },
];
const names = (...n: string[]) => n.map((name) => ({ name }));
const installed = {
  textModels: names("llama3.2:3b", "qwen3:4b", "qwen3:4b-instruct"),
  visionModels: names("qwen2.5vl:3b", "qwen3-vl:4b", "qwen3-vl:4b-instruct"),
};

describe("the lab's default models", () => {
  it("gives a fresh student the first recommended pair that is installed", () => {
    expect(defaultModelPair({ recommended, ...installed, lastRun: null })).toEqual(recommended[0]);
    const withoutInstruct = { textModels: names("llama3.2:3b", "qwen3:4b"), visionModels: installed.visionModels };
    expect(defaultModelPair({ recommended, ...withoutInstruct, lastRun: null })).toEqual(recommended[1]);
  });

  it("gives a returning student the pair of their latest run while both are installed", () => {
    const lastRun = { textModel: "qwen3:4b", visionModel: "qwen3-vl:4b" };
    expect(defaultModelPair({ recommended, ...installed, lastRun })).toEqual({ text: "qwen3:4b", vision: "qwen3-vl:4b" });
    // One of them removed since, or a column left out: the recommended pair again.
    expect(defaultModelPair({ recommended, ...installed, lastRun: { textModel: "gone:1b", visionModel: "qwen3-vl:4b" } })).toEqual(
      recommended[0],
    );
    expect(defaultModelPair({ recommended, ...installed, lastRun: { textModel: null, visionModel: "qwen3-vl:4b" } })).toEqual(
      recommended[0],
    );
  });

  it("falls back to the first installed model of each kind, or none", () => {
    const other = { textModels: names("gemma3:1b"), visionModels: names("llava:7b") };
    expect(defaultModelPair({ recommended, ...other, lastRun: null })).toEqual({ text: "gemma3:1b", vision: "llava:7b" });
    expect(defaultModelPair({ recommended, textModels: [], visionModels: [], lastRun: null })).toEqual({ text: "", vision: "" });
  });

  it("reads a pick kept in the browser only while its models are installed", () => {
    expect(readStoredPair(JSON.stringify({ text: "qwen3:4b", vision: "" }), installed)).toEqual({ text: "qwen3:4b", vision: "" });
    expect(readStoredPair(JSON.stringify({ text: "gone:1b", vision: "qwen3-vl:4b" }), installed)).toBeNull();
    expect(readStoredPair("{not json", installed)).toBeNull();
    expect(readStoredPair(JSON.stringify({ text: 3, vision: "x" }), installed)).toBeNull();
    expect(readStoredPair(null, installed)).toBeNull();
  });
});
