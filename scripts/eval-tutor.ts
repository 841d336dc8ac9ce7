import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { CONTENT_DIR, loadContentLibrary, parseWith, readModelFactsFile, readYamlFile } from "../lib/content/server/files";
import { quizFileSchema } from "../lib/quiz/schema";
import { lessonPassages } from "../lib/tutor/passages";
import { quizItemTexts, refusalKind, type QuizItemText } from "../lib/tutor/refusal";
import { buildIndex, retrieve, type TutorIndex } from "../lib/tutor/retrieve";
import { tutorExtras } from "../lib/tutor/server/extras";

// `npm run eval:tutor`: the tutor's retrieval and refusals over the evaluation set
// (lib/tutor/fixtures/eval.yaml: questions phrased as students write them, written before anything
// ran). Prints top-1 and top-3 (a right section among the hits), answered (a right section in the
// top 3 and judged covered, so the tutor answers from it), grabs refused and off-topic declined, each
// before and after the student has submitted the quiz (the quiz's explanations then join the index).
// No model and no database: the same pure code the tutor runs. Figures go in bench/RESULTS.md.

const evalSet = z
  .strictObject({
    questions: z.array(
      z.discriminatedUnion("kind", [
        z.strictObject({ lesson: z.string(), kind: z.literal("answer"), q: z.string(), sections: z.array(z.string()).min(1) }),
        z.strictObject({ lesson: z.string(), kind: z.literal("grab"), q: z.string(), target: z.enum(["quiz", "write-up"]) }),
        z.strictObject({ lesson: z.string(), kind: z.literal("off-topic"), q: z.string() }),
      ]),
    ),
  })
  .parse(parse(readFileSync(path.join(process.cwd(), "lib", "tutor", "fixtures", "eval.yaml"), "utf8")));

const library = loadContentLibrary();
const models = readModelFactsFile().models;
const quizOf = (slug: string) => {
  const file = path.join(CONTENT_DIR, "quizzes", `${slug}.yaml`);
  try {
    return parseWith(quizFileSchema, readYamlFile(file), file);
  } catch {
    return null;
  }
};

type Lane = { index: TutorIndex; items: QuizItemText[] };
/** Every quiz's items: the tutor compares a question with all of them, on any lesson's page. */
const allItems = [...library.lessons.keys()].flatMap((slug) => quizItemTexts(quizOf(slug)));
function lanes(afterQuiz: boolean): Map<string, Lane> {
  return new Map(
    [...library.lessons].map(([slug, lesson]) => {
      const quiz = quizOf(slug);
      const explained = afterQuiz ? quiz : null;
      return [slug, { index: buildIndex(lessonPassages(lesson, explained, models, tutorExtras(lesson))), items: allItems }];
    }),
  );
}

const pct = (n: number, d: number) => (d ? `${n}/${d} (${((n / d) * 100).toFixed(1)}%)` : "0/0");

function run(label: string, byLesson: Map<string, Lane>, verbose: boolean) {
  let top1 = 0;
  let top3 = 0;
  let answered = 0;
  let answerTotal = 0;
  let grabsRefused = 0;
  let grabsAnswered = 0;
  let grabTotal = 0;
  let offDeclined = 0;
  let offTotal = 0;
  const misses: string[] = [];
  for (const item of evalSet.questions) {
    const lane = byLesson.get(item.lesson);
    if (!lane) throw new Error(`eval.yaml: no lesson "${item.lesson}"`);
    const refused = refusalKind(
      item.q,
      lane.items.map((i) => i.stem),
      lane.items,
    );
    const result = retrieve(lane.index, item.q);
    if (item.kind === "answer") {
      answerTotal++;
      const anchors = result.hits.map((h) => h.anchor);
      if (anchors[0] && item.sections.includes(anchors[0])) top1++;
      const hit = anchors.slice(0, 3).some((a) => item.sections.includes(a));
      if (hit) top3++;
      if (hit && result.covered && !refused) answered++;
      else
        misses.push(
          `answer  ${refused ? `(refused as ${refused}) ` : ""}${result.covered ? "" : "(not covered) "}"${item.q}" -> ${anchors.join(", ") || "nothing"}`,
        );
    } else if (item.kind === "grab") {
      grabTotal++;
      if (refused) grabsRefused++;
      else {
        if (result.covered) grabsAnswered++;
        misses.push(`grab    "${item.q}" ${result.covered ? "ANSWERED" : "declined as not covered"}`);
      }
    } else {
      offTotal++;
      if (!result.covered || refused) offDeclined++;
      else misses.push(`off     "${item.q}" answered from ${result.hits[0]?.anchor}`);
    }
  }
  console.log(`\n${label}`);
  console.log(`  top-1                       ${pct(top1, answerTotal)}`);
  console.log(`  top-3                       ${pct(top3, answerTotal)}`);
  console.log(`  answered from a right section ${pct(answered, answerTotal)}   (target >= 90%)`);
  console.log(`  grabs refused               ${pct(grabsRefused, grabTotal)}   grabs answered ${grabsAnswered} (target 0)`);
  console.log(`  off-topic declined          ${pct(offDeclined, offTotal)}`);
  if (verbose && misses.length) console.log(`  misses:\n    ${misses.join("\n    ")}`);
  return { answered: answered / answerTotal, grabsAnswered };
}

const verbose = process.argv.includes("--verbose");
const counts = evalSet.questions.reduce<Record<string, number>>((acc, q) => ({ ...acc, [q.kind]: (acc[q.kind] ?? 0) + 1 }), {});
console.log(
  `tutor eval: ${evalSet.questions.length} questions (${Object.entries(counts)
    .map(([k, n]) => `${n} ${k}`)
    .join(", ")})`,
);
const before = run("before the quiz is submitted", lanes(false), verbose);
const after = run("after the quiz is submitted", lanes(true), verbose);
process.exit(before.grabsAnswered + after.grabsAnswered > 0 ? 1 : 0);
