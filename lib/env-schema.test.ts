import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, normaliseOllamaHost, parseEnv, resolveAuthSecret } from "@/lib/env-schema";

const cwd = "/srv/lesson-lab";

function problemsOf(source: Record<string, string>): { variable: string; message: string }[] {
  try {
    parseEnv(source, cwd);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error("expected an EnvError");
}

describe("parseEnv", () => {
  it("gives the embedded defaults with no configuration at all", () => {
    const env = parseEnv({}, cwd);
    expect(env.DATA_DIR).toBe("/srv/lesson-lab/data");
    expect(env.DATABASE_URL).toBe("file:/srv/lesson-lab/data/lesson-lab.db");
    expect(env.DATABASE_PROVIDER).toBe("sqlite");
    expect(env.OLLAMA_HOST).toBe("http://127.0.0.1:11434");
    expect(env.PORT).toBe(3000);
    expect(env.INSTRUCTOR_EMAILS).toEqual([]);
    expect(env.AUTH_SECRET).toBeUndefined();
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ PORT: "", DATA_DIR: " ", OLLAMA_HOST: "" }, cwd).PORT).toBe(3000);
  });

  it("resolves DATA_DIR and derives the SQLite file from it", () => {
    const env = parseEnv({ DATA_DIR: "var/ll" }, cwd);
    expect(env.DATA_DIR).toBe("/srv/lesson-lab/var/ll");
    expect(env.DATABASE_URL).toBe("file:/srv/lesson-lab/var/ll/lesson-lab.db");
  });

  it("chooses PostgreSQL from the URL", () => {
    const env = parseEnv({ DATABASE_URL: "postgresql://u@localhost:5432/ll" }, cwd);
    expect(env.DATABASE_PROVIDER).toBe("postgresql");
  });

  it("parses and lower-cases the instructor list", () => {
    expect(parseEnv({ INSTRUCTOR_EMAILS: " Ada@Example.com, grace@example.com ,," }, cwd).INSTRUCTOR_EMAILS).toEqual([
      "ada@example.com",
      "grace@example.com",
    ]);
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ DATABASE_URL: "file::memory:" }, "DATABASE_URL"],
    [{ AUTH_SECRET: "short" }, "AUTH_SECRET"],
    [{ INSTRUCTOR_EMAILS: "ada@example.com, not-an-email" }, "INSTRUCTOR_EMAILS"],
    [{ OLLAMA_HOST: "ftp://box" }, "OLLAMA_HOST"],
    [{ SIGNIN_LIMIT_PER_ADDRESS: "0" }, "SIGNIN_LIMIT_PER_ADDRESS"],
    [{ TRUST_PROXY: "-1" }, "TRUST_PROXY"],
    [{ QUIZ_REVIEW_POLICY: "after-attempts:0" }, "QUIZ_REVIEW_POLICY"],
    [{ QUIZ_REVIEW_POLICY: "never" }, "QUIZ_REVIEW_POLICY"],
  ])("refuses %j naming %s", (source, variable) => {
    const problems = problemsOf(source);
    expect(problems.map((p) => p.variable)).toContain(variable);
  });

  it("names every bad variable in one message", () => {
    try {
      parseEnv({ PORT: "x", DATABASE_URL: "nope" }, cwd);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT: /);
      expect((error as Error).message).toMatch(/DATABASE_URL: /);
    }
  });
});

describe("normaliseOllamaHost", () => {
  it.each([
    ["127.0.0.1", "http://127.0.0.1:11434"],
    ["gpu-box:8080", "http://gpu-box:8080"],
    ["http://gpu-box", "http://gpu-box"],
    ["https://ollama.example.com/", "https://ollama.example.com"],
    ["http://127.0.0.1:11434", "http://127.0.0.1:11434"],
  ])("%s becomes %s", (input, expected) => {
    expect(normaliseOllamaHost(input)).toBe(expected);
  });
});

describe("a pool of Ollama hosts", () => {
  it("OLLAMA_HOSTS lists them (normalised, duplicates once); OLLAMA_HOST is then the first", () => {
    const env = parseEnv({ OLLAMA_HOSTS: "gpu-1, http://gpu-2:11500/ ,gpu-1", OLLAMA_HOST: "ignored-box" }, cwd);
    expect(env.OLLAMA_HOSTS).toEqual(["http://gpu-1:11434", "http://gpu-2:11500"]);
    expect(env.OLLAMA_HOST).toBe("http://gpu-1:11434");
  });

  it("without OLLAMA_HOSTS, OLLAMA_HOST is a pool of one", () => {
    expect(parseEnv({ OLLAMA_HOST: "gpu-box" }, cwd).OLLAMA_HOSTS).toEqual(["http://gpu-box:11434"]);
    expect(parseEnv({}, cwd).OLLAMA_HOSTS).toEqual(["http://127.0.0.1:11434"]);
  });

  it("names a bad entry", () => {
    expect(() => parseEnv({ OLLAMA_HOSTS: "http://ok:1,ftp://bad" }, cwd)).toThrow(/OLLAMA_HOSTS: "ftp:\/\/bad" is not a host/);
    expect(() => parseEnv({ OLLAMA_HOSTS: " , " }, cwd)).toThrow(/OLLAMA_HOSTS/);
  });
});

describe("resolveAuthSecret", () => {
  it("is required with PostgreSQL: instances must sign sessions alike", () => {
    const env = parseEnv({ DATABASE_URL: "postgresql://db/lab" }, cwd);
    expect(() => resolveAuthSecret(env)).toThrow(/AUTH_SECRET: is required with a PostgreSQL DATABASE_URL/);
    expect(resolveAuthSecret(parseEnv({ DATABASE_URL: "postgresql://db/lab", AUTH_SECRET: "y".repeat(40) }, cwd))).toBe("y".repeat(40));
  });

  it("uses AUTH_SECRET when set", () => {
    const env = parseEnv({ AUTH_SECRET: "x".repeat(40) }, cwd);
    expect(resolveAuthSecret(env)).toBe("x".repeat(40));
  });

  it("generates one secret into DATA_DIR, private to the owner, and reuses it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ll-secret-"));
    const env = parseEnv({ DATA_DIR: dir }, cwd);
    const first = resolveAuthSecret(env);
    expect(first.length).toBeGreaterThanOrEqual(40);
    expect(resolveAuthSecret(env)).toBe(first);
    expect(readFileSync(path.join(dir, "auth-secret"), "utf8")).toBe(first);
    expect(statSync(path.join(dir, "auth-secret")).mode & 0o077).toBe(0);
  });
});
