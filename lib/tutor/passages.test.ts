import { describe, expect, it } from "vitest";
import { loadContentLibrary } from "@/lib/content/server/files";
import { splitCitations } from "@/lib/tutor/events";
import { clip, excerptFor } from "@/lib/tutor/excerpt";
import { lessonPassages, plainText, sectionPassages } from "@/lib/tutor/passages";

describe("lesson passages", () => {
  const library = loadContentLibrary();

  it("cut every lesson at its headings, anchored exactly like the page", () => {
    for (const lesson of library.lessons.values()) {
      const anchors = new Set(lesson.headings.map((h) => h.id));
      const sections = sectionPassages(lesson);
      expect(sections.length).toBeGreaterThan(3);
      for (const p of lessonPassages(lesson)) expect(anchors, `${lesson.slug}: ${p.id}`).toContain(p.anchor);
    }
  });

  it("keep identifiers and drop markup", () => {
    expect(plainText('Set **`num_ctx`** to _4096_; see [the docs](https://x.test).\n\n<Callout kind="tip">size_vram</Callout>')).toBe(
      "Set num_ctx to 4096; see the docs.\n size_vram",
    );
    expect(plainText("| a | b |\n| --- | --- |\n| 1 | 2 |")).not.toMatch(/---|\|/);
  });
});

describe("excerpts and citations", () => {
  it("quote the paragraph that shares the question's words", () => {
    const text = "Tokens are counted per patch.\nMemory grows with the KV cache.\nLicences differ per size.";
    expect(excerptFor(text, ["memory"], 40)).toBe("Memory grows with the KV cache.");
    expect(excerptFor(text, ["licence"], 200)).toBe("Licences differ per size.");
  });

  it("clip at a sentence or a word", () => {
    expect(clip("One two three. Four five six seven eight.", 20)).toBe("One two three.");
    expect(clip("One two three. Four five six seven eight.", 30)).toBe("One two three. Four five six …");
    expect(clip("alpha beta gamma delta", 13)).toBe("alpha beta …");
  });

  it("turn [n] into links only for sources that exist", () => {
    const sources = [{ n: 1, anchor: "a", title: "A", excerpt: "" }];
    expect(splitCitations("Yes [1], not [7].", sources)).toEqual([{ text: "Yes " }, { cite: sources[0] }, { text: ", not [7]." }]);
  });
});
