import { describe, expect, it } from "vitest";
import { buildCsp } from "@/lib/security/csp";

const directive = (csp: string, name: string) => new RegExp(`(?:^|; )${name} ([^;]+)`).exec(csp)?.[1];

describe("the content security policy", () => {
  it("forbids framing unless course sites are named, and then allows exactly those and this site", () => {
    expect(directive(buildCsp("n"), "frame-ancestors")).toBe("'none'");
    expect(directive(buildCsp("n", { frameAncestors: [] }), "frame-ancestors")).toBe("'none'");
    expect(
      directive(buildCsp("n", { frameAncestors: ["https://moodle.school.example", "https://school.instructure.com"] }), "frame-ancestors"),
    ).toBe("'self' https://moodle.school.example https://school.instructure.com");
  });

  it("keeps the nonce'd scripts and same-site forms whatever the framing", () => {
    const csp = buildCsp("abc", { frameAncestors: ["https://moodle.school.example"] });
    expect(directive(csp, "script-src")).toBe("'self' 'nonce-abc' 'strict-dynamic'");
    expect(directive(csp, "form-action")).toBe("'self'");
  });
});
