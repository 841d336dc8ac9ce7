import { mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { secureDataDir } from "@/lib/security/data-dir";

const mode = (p: string) => statSync(p).mode & 0o777;

describe("the data directory", () => {
  it("is made private: directories 0700, files 0600, including what was there before", () => {
    const root = mkdtempSync(path.join(tmpdir(), "ll-perms-"));
    const dir = path.join(root, "data");
    mkdirSync(path.join(dir, "uploads", "ab"), { recursive: true, mode: 0o755 });
    writeFileSync(path.join(dir, "lesson-lab.db"), "x", { mode: 0o644 });
    writeFileSync(path.join(dir, "uploads", "ab", "ab12.png"), "x", { mode: 0o644 });
    secureDataDir(dir);
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, "uploads", "ab"))).toBe(0o700);
    expect(mode(path.join(dir, "lesson-lab.db"))).toBe(0o600);
    expect(mode(path.join(dir, "uploads", "ab", "ab12.png"))).toBe(0o600);
    const fresh = path.join(root, "fresh");
    secureDataDir(fresh);
    expect(mode(fresh)).toBe(0o700);
  });
});
