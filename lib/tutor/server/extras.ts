import "server-only";
import { getModelFacts } from "@/lib/content/server/lessons";
import type { LessonFile } from "@/lib/content/server/files";
import { getRubric } from "@/lib/submissions/server/rubric";
import type { ExtraText } from "@/lib/tutor/passages";
import { getLessonChecks } from "@/lib/checks/server/content";
import { EXPLORABLE_NOTES } from "@/lib/content/explorable-notes";
import { PROMPT_KIND_INFO, PROMPT_KINDS } from "@/lib/lab/prompt-kinds";

/**
 * What students ask about beyond the lesson's text: the recommended model pairs and why, the
 * explorables' notes, and, for the lesson the lab belongs to, the lab page's help (its three prompts)
 * and the write-up's rubric (criteria, levels, points, grade bands).
 */
const RUBRIC_WEIGHT = 0.5;

export function tutorExtras(lesson: LessonFile): ExtraText[] {
  const pairs = getModelFacts().recommendedPairs.map((pair, i) => ({
    id: `pair-${i + 1}`,
    text: `Recommended pair for the lab: text-only model ${pair.text} with vision model ${pair.vision}. ${pair.why}`,
  }));
  const headings = new Set(lesson.headings.map((h) => h.id));
  const notes = EXPLORABLE_NOTES.filter((note) => headings.has(note.anchor));
  const rubric = getRubric();
  if (rubric.lab !== lesson.slug) return [...pairs, ...notes];
  const lab = lesson.headings.find((h) => h.id === "build-the-small-version")?.id;
  const criteria = rubric.criteria.map((c) => ({
    id: `rubric-${c.id}`,
    anchor: lab,
    // Long and about everything the lab touches (speed, memory, hardware): it points to the lab's
    // section for questions about the write-up, without outranking the lesson on the topics themselves.
    weight: RUBRIC_WEIGHT,
    text:
      `Lab write-up rubric, criterion "${c.title}": ${c.description} ` +
      c.levels.map((l) => `${l.title} (${l.points} points): ${l.description}`).join(" "),
  }));
  const bands = {
    id: "rubric-grades",
    anchor: lab,
    weight: RUBRIC_WEIGHT,
    text: `Lab write-up grades from rubric points: ${rubric.gradeBands.map((b) => `${b.title} ${b.min} to ${b.max} points: ${b.description}`).join(" ")}`,
  };
  return [...pairs, ...notes, ...labHelp(lab), ...criteria, bands];
}

/**
 * The lab page's help: the three prompts it asks for and what each is for. (Its failure messages are
 * not added: "the model took too long" then outranked the lesson's own sections on speed questions.)
 */
function labHelp(anchor: string | undefined): ExtraText[] {
  return [
    {
      id: "lab-prompts",
      anchor,
      text: `The lab asks for three prompts: ${PROMPT_KINDS.map((k) => `${PROMPT_KIND_INFO[k].label} (${PROMPT_KIND_INFO[k].hint})`).join(", ")}.`,
    },
  ];
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
