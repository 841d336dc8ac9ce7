import { describe, expect, it } from "vitest";
import { compileMdx } from "@/lib/content/server/mdx";

const MDX = `## A section

First paragraph with **bold**, \`code\` and [a lesson](/lessons/x).

- one
- two [outside](https://example.com)

### Small heading

<Callout>inside a component</Callout>

Another [bad](javascript:alert(1)) link stays with React.

Last one.

\`\`\`sh
ollama pull qwen2.5vl:3b
\`\`\`

| a | b |
| - | -: |
| 1 | 2 |
`;

describe("static prose runs", () => {
  it("turns runs of plain markdown into HTML outside React, and leaves components, headings and unsafe links to it", async () => {
    const runs: string[] = [];
    await compileMdx(MDX, "t.mdx", { staticProse: runs });
    expect(runs).toHaveLength(3);
    const [first, last, table] = runs as [string, string, string];
    // a table is a run of its own, styled as the table component styles it, aligned as React would
    expect(table).toMatch(
      /^<table class="lesson-table w-full text-left text-sm">\s*<thead>\s*<tr>\s*<th>a<\/th>\s*<th style="text-align:right">b<\/th>/,
    );
    expect(first).toContain('<p>First paragraph with <strong>bold</strong>, <code>code</code> and <a href="/lessons/x">a lesson</a>.</p>');
    expect(first).toContain('<a href="https://example.com" rel="noopener noreferrer">outside</a>');
    expect(first).toContain('<h3 id="small-heading" class="scroll-mt-6">Small heading</h3>');
    expect(first).not.toContain("A section"); // h2 is the section heading component's
    expect(first).not.toContain("inside a component");
    expect(runs.join("")).not.toContain("javascript:");
    expect(last).toBe("<p>Last one.</p>"); // code blocks keep their component
    expect(runs.join("")).not.toContain("ollama pull");
  });
});
