import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_CODES, ERRORS, LAB_FAILURE_CODES, errorEntry, explainFailure, isErrorCode, messageOf } from "@/lib/errors/table";
import type { OllamaErrorCode } from "@/lib/ollama/errors";
import { tsSources } from "../../scripts/size-report";

const root = path.resolve(import.meta.dirname, "../..");

const sources = (dir: string) => tsSources(dir);

// Every code an Ollama call can fail with, listed so a new one cannot slip past the lab's copy.
const OLLAMA_CODES = {
  UNREACHABLE: true,
  MODEL_NOT_FOUND: true,
  BUSY: true,
  RUNNER_CRASHED: true,
  STREAM_FAILED: true,
  TIMEOUT: true,
  LOAD_TIMEOUT: true,
  ABORTED: true,
  BAD_REQUEST: true,
  IMAGES_NOT_SUPPORTED: true,
  CONTEXT_TOO_SMALL: true,
  REGISTRY_UNREACHABLE: true,
} satisfies Record<OllamaErrorCode, true>;

describe("the error table", () => {
  it("gives every code a status, an audience, a message and what to do", () => {
    for (const code of ERROR_CODES) {
      const entry = errorEntry(code);
      expect(entry.status, code).toBeGreaterThanOrEqual(200);
      expect(entry.status, code).toBeLessThan(600);
      expect(["everyone", "account", "instructor"], code).toContain(entry.audience);
      expect(entry.message.length, `${code} message`).toBeGreaterThan(10);
      expect(entry.whatToDo.length, `${code} what to do`).toBeGreaterThan(10);
      expect(entry.message, code).toMatch(/\.$/);
    }
  });

  it("knows every code the code base uses in a string (new AppError, fail, jsonError, errorCode)", () => {
    const used = new Map<string, string>();
    const patterns = [
      /\bfail(?:<[^>]*>)?\(\s*"([A-Z][A-Z_]+)"/g,
      /\bjsonError\(\s*"([A-Z][A-Z_]+)"/g,
      /\bnew [A-Za-z]*Error\(\s*"([A-Z][A-Z_]+)"/g,
      /\bsuper\(\s*"([A-Z][A-Z_]+)"/g,
      /\berrorCode:\s*"([A-Z][A-Z_]+)"/g,
      /\bcode:\s*"([A-Z][A-Z_]+)"/g,
    ];
    for (const file of [...sources(path.join(root, "lib")), ...sources(path.join(root, "app"))]) {
      const text = readFileSync(file, "utf8");
      for (const pattern of patterns) for (const m of text.matchAll(pattern)) used.set(m[1]!, path.relative(root, file));
    }
    expect(used.size).toBeGreaterThan(30);
    const unknown = [...used].filter(([code]) => !isErrorCode(code)).map(([code, file]) => `${code} (${file})`);
    expect(unknown).toEqual([]);
  });

  it("explains every failure a lab cell can end with, and only the server's own faults fall back", () => {
    const cellCodes = [...Object.keys(OLLAMA_CODES), "WORKER_LOST", "INTERNAL"].filter(
      (c) => c !== "ABORTED" && c !== "REGISTRY_UNREACHABLE",
    );
    for (const code of cellCodes) {
      expect(LAB_FAILURE_CODES, code).toContain(code);
      const student = explainFailure(code, ["qwen2.5vl:3b"], false);
      const operator = explainFailure(code, ["qwen2.5vl:3b"], true);
      expect(student.title.length, code).toBeGreaterThan(5);
      expect(student.why, code).not.toMatch(/undefined/);
      expect(operator.whatToDo.length, code).toBeGreaterThan(10);
    }
    // An unknown code reads as the server's fault, never as nothing.
    expect(explainFailure("SOMETHING_NEW", [], false)).toEqual(explainFailure("INTERNAL", [], false));
    expect(explainFailure("MODEL_NOT_FOUND", ["a", "b"], false).why).toBe("Ollama does not have a and b any more.");
  });

  it("keeps student copy free of operator steps where the two differ", () => {
    expect(explainFailure("UNREACHABLE", [], false).whatToDo).toMatch(/instructor/);
    expect(explainFailure("UNREACHABLE", [], true).whatToDo).toMatch(/ollama serve/);
  });

  it("says what the page keeps when asked to", () => {
    expect(messageOf("UNAUTHENTICATED")).toBe(ERRORS.UNAUTHENTICATED.message);
    expect(messageOf("UNAUTHENTICATED", "your prompts stay on this page")).toBe(
      "Your session ended. Sign in again; your prompts stay on this page.",
    );
  });
});
