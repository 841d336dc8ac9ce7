import "server-only";
import { getModelFacts } from "@/lib/content/server/lessons";
import type { LessonFile } from "@/lib/content/server/files";
import { getRubric } from "@/lib/submissions/server/rubric";
import type { ExtraText } from "@/lib/tutor/passages";
import { getLessonChecks } from "@/lib/checks/server/content";

/**
 * What students ask about beyond the lesson's text: the recommended model pairs and why, and the
 * lab write-up's rubric (criteria, levels, points, grade bands) for the lesson the lab belongs to.
 */
export function tutorExtras(lesson: LessonFile): ExtraText[] {
  const pairs = getModelFacts().recommendedPairs.map((pair, i) => ({
    id: `pair-${i + 1}`,
    text: `Recommended pair for the lab: text-only model ${pair.text} with vision model ${pair.vision}. ${pair.why}`,
  }));
  const rubric = getRubric();
  if (rubric.lab !== lesson.slug) return pairs;
  const lab = lesson.headings.find((h) => h.id === "build-the-small-version")?.id;
  const criteria = rubric.criteria.map((c) => ({
    id: `rubric-${c.id}`,
    anchor: lab,
    text:
      `Lab write-up rubric, criterion "${c.title}": ${c.description} ` +
      c.levels.map((l) => `${l.title} (${l.points} points): ${l.description}`).join(" "),
  }));
  const bands = {
    id: "rubric-grades",
    anchor: lab,
    text: `Lab write-up grades from rubric points: ${rubric.gradeBands.map((b) => `${b.title} ${b.min} to ${b.max} points: ${b.description}`).join(" ")}`,
  };
  return [...pairs, ...criteria, bands];
}

/**
 * The explanations of the in-section checks a student has answered (never of one they have not:
 * the tutor must not hand over a check's answer first), each citing the section it closes.
 */
export function answeredCheckExtras(lesson: LessonFile, answered: readonly string[]): ExtraText[] {
  const wanted = new Set(answered);
  return getLessonChecks(lesson.slug)
    .filter((check) => wanted.has(check.id))
    .map((check) => ({
      id: `check-${check.id}`,
      anchor: check.section,
      text: `Check "${check.prompt}": ${check.explanation} ${(check.options ?? []).map((o) => `${o.text}: ${o.explanation}`).join(" ")}`,
    }));
}
