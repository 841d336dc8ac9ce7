import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import { CONTENT_DIR, ContentError, extractHeadings, parseWith, readYamlFile, type LessonFile } from "@/lib/content/server/files";
import { getLesson } from "@/lib/content/server/lessons";
import { computeInputs, computeValue, formatNumber } from "@/lib/checks/compute";
import { checksFileSchema, type Check, type ChecksFile } from "@/lib/checks/schema";

// content/checks/<lesson>.yaml, checked against its lesson: every check's concept is a key term,
// its section a "## " heading, and it is placed once, as <SectionCheck id="…" />, inside that
// section; every <SectionCheck /> in the lesson names a check. Answer keys stay on the server.

export function checksFile(lesson: string, dir = CONTENT_DIR): string {
  return path.join(dir, "checks", `${lesson}.yaml`);
}

const SECTION_CHECK = /<SectionCheck\s+id="([^"]*)"\s*\/>/g;

/** Each <SectionCheck id="…" /> in a lesson body, with the "## " section it sits in (code fences skipped). */
export function placedChecks(body: string): { id: string; section: string | null }[] {
  const out: { id: string; section: string | null }[] = [];
  for (const match of body.matchAll(SECTION_CHECK)) {
    const before = body.slice(0, match.index);
    const fences = before.split("\n").filter((line) => /^\s*(```|~~~)/.test(line)).length;
    if (fences % 2 === 1) continue;
    const section = extractHeadings(before)
      .filter((h) => h.depth === 2)
      .at(-1);
    out.push({ id: match[1]!, section: section?.id ?? null });
  }
  return out;
}

/** The digits of a number as a check's text may write it: 1334, 1,334 or 1 334. */
function mentions(text: string, n: number): boolean {
  const plain = String(n);
  return text.includes(plain) || text.includes(formatNumber(n)) || text.includes(formatNumber(n).replace(/,/g, " "));
}

function checkAgainstLesson(file: string, data: ChecksFile, lesson: LessonFile) {
  const terms = new Set(lesson.concepts.map((c) => c.term));
  const sections = new Set(lesson.headings.filter((h) => h.depth === 2).map((h) => h.id));
  const placed = placedChecks(lesson.body);
  data.checks.forEach((check, i) => {
    const at = (field: string) => `checks.${i}.${field}`;
    if (!terms.has(check.concept)) throw new ContentError(file, at("concept"), `"${check.concept}" is not a key term of the lesson`);
    if (!sections.has(check.section))
      throw new ContentError(file, at("section"), `"${check.section}" is not a "## " section of the lesson`);
    const places = placed.filter((p) => p.id === check.id);
    if (places.length !== 1)
      throw new ContentError(
        file,
        at("id"),
        places.length
          ? `<SectionCheck id="${check.id}" /> appears ${places.length} times in ${path.basename(lesson.file)}`
          : `place <SectionCheck id="${check.id}" /> at the end of the section "${check.section}" in ${path.basename(lesson.file)}`,
      );
    if (places[0]!.section !== check.section)
      throw new ContentError(
        file,
        at("section"),
        `is "${check.section}" but <SectionCheck id="${check.id}" /> sits in "${places[0]!.section}"`,
      );
    const compute = check.answer?.compute;
    if (compute) {
      if (!Number.isFinite(computeValue(compute))) throw new ContentError(file, at("answer.compute"), "does not give a number");
      const text = `${check.prompt}\n${check.code ?? ""}`;
      for (const n of computeInputs(compute))
        if (!mentions(text, n)) throw new ContentError(file, at("answer.compute"), `uses ${n}, which the prompt does not show`);
    }
  });
  const known = new Set(data.checks.map((c) => c.id));
  const stray = placed.find((p) => !known.has(p.id));
  if (stray)
    throw new ContentError(
      lesson.file,
      "body",
      `<SectionCheck id="${stray.id}" /> names no check in ${path.relative(process.cwd(), file)}`,
    );
}

/** Reads and checks a checks file against its lesson (by default the lesson of that name in the content library). */
export function readChecksFile(file: string, lesson?: LessonFile): ChecksFile {
  const data = parseWith(checksFileSchema, readYamlFile(file), file);
  const expected = path.basename(file, ".yaml");
  if (data.lesson !== expected) throw new ContentError(file, "lesson", `must equal the file name "${expected}"`);
  const target = lesson ?? getLesson(data.lesson);
  if (!target || target.slug !== data.lesson) throw new ContentError(file, "lesson", `no lesson "${data.lesson}"`);
  checkAgainstLesson(file, data, target);
  return data;
}

/** A lesson without a checks file must not place any. */
export function assertNoStrayChecks(lesson: LessonFile) {
  const [first] = placedChecks(lesson.body);
  if (first) throw new ContentError(lesson.file, "body", `<SectionCheck id="${first.id}" /> needs content/checks/${lesson.slug}.yaml`);
}

const cache = new Map<string, Check[]>();

/** The lesson's checks with their keys: server-only, never sent to a browser before an answer. */
export function getLessonChecks(lesson: string): Check[] {
  if (!cache.has(lesson)) {
    const file = checksFile(lesson);
    const entry = getLesson(lesson);
    if (entry && !existsSync(file)) assertNoStrayChecks(entry);
    cache.set(lesson, entry && existsSync(file) ? readChecksFile(file, entry).checks : []);
  }
  return cache.get(lesson)!;
}

export function getCheck(lesson: string, id: string): Check | null {
  return getLessonChecks(lesson).find((c) => c.id === id) ?? null;
}

const positions = new Map<string, string[]>();

/** Where a check sits among the lesson's checks, in page order (worked out once per lesson: the lesson body does not change). */
export function checkPosition(lesson: string, id: string): { number: number; total: number } {
  let order = positions.get(lesson);
  if (!order) {
    order = placedChecks(getLesson(lesson)?.body ?? "").map((p) => p.id);
    positions.set(lesson, order);
  }
  return { number: order.indexOf(id) + 1, total: order.length };
}
