import GithubSlugger from "github-slugger";

// A lesson cut into passages the tutor can search and cite: one per "## " and "### " section, whole
// (anchored like the page's headings), one per key term, one per model in the lesson's catalogue
// (tag, size, licence), and, once the student has submitted the quiz, one per question's
// explanations. Pure: built from the content files' text.

export type PassageKind = "section" | "term" | "quiz" | "extra";

export type Passage = {
  id: string;
  kind: PassageKind;
  /** the anchor on the lesson page this passage cites */
  anchor: string;
  /** the heading shown with a citation */
  title: string;
  /** the "## " section it belongs to, for grouping and for subsections */
  parentTitle: string | null;
  text: string;
  /** how much a match here counts (1 when absent) */
  weight?: number;
};

/** MDX to plain text: components unwrapped, markup dropped, the words kept. */
export function plainText(mdx: string): string {
  return (
    mdx
      .replace(/```[a-z]*\n([\s\S]*?)```/g, "$1")
      .replace(/<\/?[A-Z][\w.]*(?:\s[^>]*?)?\/?>/g, " ")
      .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
      .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
      .replace(/^\s*\|?[-:| ]+\|?\s*$/gm, " ")
      // A table row reads as its cells in order.
      .replace(/^\s*\|(.*)\|\s*$/gm, (_, cells: string) =>
        cells
          .split("|")
          .map((c) => c.trim())
          .filter(Boolean)
          .join(" · "),
      )
      .replace(/\*\*([^*\n]+)\*\*/g, "$1")
      .replace(/(^|[\s(])_([^_\n]+)_(?=[\s).,;:!?]|$)/gm, "$1$2")
      .replace(/^\s*>\s?/gm, "")
      .replace(/[|*`#]/g, " ")
      .replace(/\{\/\*[\s\S]*?\*\/\}/g, " ")
      .replace(/[ \t]+/g, " ")
      .replace(/\n{2,}/g, "\n")
      .trim()
  );
}

type LessonLike = {
  slug: string;
  body: string;
  concepts: { term: string; definition: string; section: string }[];
};

type QuizLike = {
  questions: { id: string; prompt: string; section: string; options: { text: string; correct: boolean; explanation: string }[] }[];
};

/** Sections by heading, ids exactly as the page's (github-slugger over the heading text). */
export function sectionPassages(lesson: LessonLike): Passage[] {
  const slugger = new GithubSlugger();
  const passages: Passage[] = [];
  let current: { anchor: string; title: string; parentTitle: string | null; lines: string[] } | null = null;
  let parent: string | null = null;
  let inFence = false;
  const flush = () => {
    if (!current) return;
    // Whole: a fact at the end of a long section is as findable as one at its start.
    const text = plainText(current.lines.join("\n"));
    if (text)
      passages.push({
        id: `${lesson.slug}#${current.anchor}`,
        kind: "section",
        anchor: current.anchor,
        title: current.title,
        parentTitle: current.parentTitle,
        text,
      });
  };
  for (const line of lesson.body.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = inFence ? null : /^(#{2,3})\s+(.+?)\s*#*\s*$/.exec(line);
    const deeper = inFence ? null : /^(#{4,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      const title = heading[2]!.replace(/[*_`]/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
      const anchor = slugger.slug(title);
      if (heading[1] === "##") parent = title;
      current = { anchor, title, parentTitle: heading[1] === "##" ? null : parent, lines: [] };
    } else if (deeper) {
      // Deeper headings get ids too (the slugger must see them), but stay inside their section.
      slugger.slug(deeper[2]!);
      current?.lines.push(deeper[2]!);
    } else {
      current?.lines.push(line);
    }
  }
  flush();
  return passages;
}

/**
 * One passage per key term, citing where the term is explained: the glossary names a "## "
 * section, and when that section's own text is short the explanation is in one of its "### "
 * subsections, so the one that mentions the term most is cited.
 */
export function termPassages(lesson: LessonLike, sections: Passage[]): Passage[] {
  return lesson.concepts.map((c) => {
    const home = sections.find((s) => s.anchor === c.section);
    const family = sections.filter((s) => s.anchor === c.section || (home && s.parentTitle === home.title));
    const word = c.term.toLowerCase();
    const mentions = (p: Passage) => p.text.toLowerCase().split(word).length - 1;
    const best = family.reduce<Passage | undefined>((a, b) => (!a || mentions(b) > mentions(a) ? b : a), home);
    const cited = best && mentions(best) > 0 ? best : home;
    return {
      id: `${lesson.slug}#term-${c.term}`,
      kind: "term" as const,
      anchor: cited?.anchor ?? c.section,
      title: cited?.title ?? c.term,
      parentTitle: cited?.parentTitle ?? null,
      text: `${c.term}: ${c.definition}`,
    };
  });
}

const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}_]{4,}/gu) ?? []);

/** The section or subsection under `anchor` whose text shares most words with `text`. */
function bestInFamily(sections: Passage[], anchor: string, text: string): Passage | undefined {
  const home = sections.find((s) => s.anchor === anchor);
  if (!home) return undefined;
  const family = sections.filter((s) => s === home || s.parentTitle === home.title);
  const wanted = words(text);
  const overlap = (p: Passage) => [...words(p.text)].filter((w) => wanted.has(w)).length;
  return family.reduce((a, b) => (overlap(b) > overlap(a) ? b : a), home);
}

/** The quiz's explanations, one passage per question (only for a student who has submitted it), citing the part of its section they explain. */
export function quizPassages(lessonSlug: string, quiz: QuizLike, sections: Passage[]): Passage[] {
  return quiz.questions.map((q, i) => {
    const text = `Quiz question ${i + 1}: ${q.prompt}\n${q.options.map((o) => `${o.text}: ${o.explanation}`).join("\n")}`;
    const cited = bestInFamily(sections, q.section, text);
    return {
      id: `${lessonSlug}#quiz-${q.id}`,
      kind: "quiz" as const,
      anchor: cited?.anchor ?? q.section,
      title: cited?.title ?? `Quiz question ${i + 1}`,
      parentTitle: cited?.parentTitle ?? null,
      text,
    };
  });
}

/** A model as the catalogue (content/models.yaml) describes it. */
export type CatalogueModel = {
  tag: string;
  family: string;
  kind: string;
  download: string;
  context: string;
  licence: string;
  nonCommercial: boolean;
  note?: string;
};

/**
 * One passage per catalogued model ("qwen2.5vl:7b: Qwen2.5-VL vision model, 6.0 GB download, 128K
 * context, Apache-2.0"), citing the section of this lesson that mentions its tag most (a lesson that
 * never names a tag gets none of these passages).
 */
export function cataloguePassages(lessonSlug: string, sections: Passage[], models: readonly CatalogueModel[]): Passage[] {
  return models.flatMap((m) => {
    const count = (p: Passage) => p.text.split(m.tag).length - 1;
    const home = sections.reduce<Passage | undefined>((a, b) => (count(b) > (a ? count(a) : 0) ? b : a), undefined);
    if (!home) return [];
    const use = m.nonCommercial ? "not for commercial use" : "commercial use allowed";
    const text =
      `${m.tag}: a ${m.family} ${m.kind === "vision" ? "vision (image-reading) model" : "text-only model"}, ` +
      `download ${m.download}, context ${m.context}, licence ${m.licence} (${use}).${m.note ? ` ${m.note}` : ""}`;
    return [
      {
        id: `${lessonSlug}#model-${m.tag}`,
        kind: "term" as const,
        anchor: home.anchor,
        title: home.title,
        parentTitle: home.parentTitle,
        text,
      },
    ];
  });
}

/**
 * Text from outside the lesson body that students ask about (the recommended pairs, the lab's
 * write-up rubric, the checks' explanations): each cites `anchor` when the lesson has it, else the
 * section that shares most words with it.
 */
export type ExtraText = { id: string; text: string; anchor?: string; weight?: number };

export function extraPassages(lessonSlug: string, sections: Passage[], extras: readonly ExtraText[]): Passage[] {
  return extras.flatMap((extra) => {
    const wanted = words(extra.text);
    const overlap = (p: Passage) => [...words(p.text)].filter((w) => wanted.has(w)).length;
    const home =
      sections.find((s) => s.anchor === extra.anchor) ??
      sections.reduce<Passage | undefined>((a, b) => (!a || overlap(b) > overlap(a) ? b : a), undefined);
    if (!home) return [];
    return [
      {
        id: `${lessonSlug}#extra-${extra.id}`,
        kind: "extra" as const,
        anchor: home.anchor,
        title: home.title,
        parentTitle: home.parentTitle,
        text: extra.text,
        ...(extra.weight !== undefined ? { weight: extra.weight } : {}),
      },
    ];
  });
}

/** Every passage of a lesson, the quiz's explanations only when `quiz` is given. */
export function lessonPassages(
  lesson: LessonLike,
  quiz?: QuizLike | null,
  models: readonly CatalogueModel[] = [],
  extras: readonly ExtraText[] = [],
): Passage[] {
  const sections = sectionPassages(lesson);
  return [
    ...sections,
    ...termPassages(lesson, sections),
    ...cataloguePassages(lesson.slug, sections, models),
    ...extraPassages(lesson.slug, sections, extras),
    ...(quiz ? quizPassages(lesson.slug, quiz, sections) : []),
  ];
}
