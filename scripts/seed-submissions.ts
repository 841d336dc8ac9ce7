import "./load-env";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { createUser, setUserRole } from "@/lib/auth/data/users";
import type { SessionUser } from "@/lib/auth/server/session";
import { getVisionPromptTemplate } from "@/lib/content/server/lessons";
import { instructorScope } from "@/lib/classes/data/scope";
import { db } from "@/lib/db";
import { storeLabImage } from "@/lib/lab/data/image-store";
import { defaultPrompts } from "@/lib/lab/prompts";
import { waitForIdleRuns } from "@/lib/lab/jobs/data/worker";
import { startLabRun } from "@/lib/lab/data/runs";
import { stopOcr } from "@/lib/ocr/server/tesseract";
import { getOwnEvidence } from "@/lib/submissions/data/evidence";
import { claimSubmission, decideReview } from "@/lib/submissions/data/review";
import { getRubric } from "@/lib/submissions/server/rubric";
import { RECOMMENDATIONS, type WriteUp } from "@/lib/submissions/schemas";
import { getSubmissionForViewer, saveWriteUpDraft, submitWriteUp } from "@/lib/submissions/data/store";

// Submitted lab write-ups, made the way students make them: a real run through the app's runner
// against the configured Ollama (use the test double), a saved draft, a submission; optionally an
// instructor's decided review. For demos and end-to-end tests:
//
//   echo '{"students":[{"name":"Ada","recommendation":"use"}]}' | \
//     OLLAMA_HOST=http://127.0.0.1:11435 node --conditions=react-server --import tsx scripts/seed-submissions.ts
//
// (or --plan plan.json). Prints the accounts it made as JSON, with the class they are in: `classId`
// when the plan names one (an instructor of it sees them), else a new "Seed class" (the reviewer
// teaches it). `alsoIn` puts a student in more classes, `submitTo` picks which one the write-up goes
// to, a student's own `classId` replaces the plan's for them, and `submit: false` leaves a complete
// draft saved but not submitted.

const planSchema = z.strictObject({
  classId: z.string().min(1).max(40).optional(),
  students: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(100),
        textModel: z.string().default("llama3.2:3b"),
        visionModel: z.string().default("qwen2.5vl:3b"),
        sampleId: z.string().default("settings-screen"),
        recommendation: z.enum(RECOMMENDATIONS).default("narrow"),
        narrowJob: z.string().default("Reading visible labels on settings screens"),
        classId: z.string().min(1).max(40).optional(),
        alsoIn: z.array(z.string().min(1).max(40)).max(5).default([]),
        submitTo: z.string().min(1).max(40).optional(),
        submit: z.boolean().default(true),
        review: z
          .strictObject({ decision: z.enum(["RETURNED", "COMPLETED"]), level: z.enum(["first", "last"]), feedback: z.string().min(1) })
          .optional(),
      }),
    )
    .min(1)
    .max(50),
});
type StudentPlan = z.infer<typeof planSchema>["students"][number];

function readPlan(): z.infer<typeof planSchema> {
  const at = process.argv.indexOf("--plan");
  const text = at >= 0 ? readFileSync(process.argv[at + 1] ?? "", "utf8") : readFileSync(0, "utf8");
  return planSchema.parse(JSON.parse(text));
}

const paragraph = (plan: StudentPlan) =>
  `Across the three prompts ${plan.visionModel} read the labels and the state of each control, while ${plan.textModel} could only ` +
  "guess from the prompt and invented plausible settings that are not on the screen. The vision model took longer to load and " +
  "used more memory, so on this machine it fits one job at a time. The measured tokens per second and the first token time are " +
  "in the evidence table, and the failure case shows where it still guesses hidden state.";

function writeUpFor(plan: StudentPlan, runId: string): WriteUp {
  const keys = (["TEXT", "VISION"] as const).flatMap((column) => (["easy", "task", "failure"] as const).map((kind) => `${column}:${kind}`));
  return {
    runId,
    ratings: Object.fromEntries(
      keys.map((key) => [
        key,
        { rating: key.startsWith("VISION") ? 4 : 2, note: "", ...(key.startsWith("VISION") ? { guessedHiddenState: false } : {}) },
      ]),
    ),
    cannotKnow: "Which toggles are on\nThe values typed into the fields",
    failure: { text: "It listed a dropdown option that is not on the screen.", cell: "VISION:failure" },
    recommendation: {
      choice: plan.recommendation,
      narrowJob: plan.recommendation === "narrow" ? plan.narrowJob : "",
      paragraph: paragraph(plan),
    },
  };
}

async function newStudent(name: string): Promise<SessionUser & { password: string }> {
  const password = `seed-${randomUUID()}`;
  const user = await createUser({ name, email: `seed-${randomUUID().slice(0, 8)}@example.test`, password });
  return { ...user, password };
}

async function startRun(student: SessionUser, plan: StudentPlan): Promise<string> {
  const image = await storeLabImage(student, { sampleId: plan.sampleId });
  const { runId } = await startLabRun(student, {
    imageId: image.id,
    textModel: plan.textModel,
    visionModel: plan.visionModel,
    prompts: defaultPrompts(getVisionPromptTemplate()),
    measureCold: false,
  });
  return runId;
}

async function main() {
  const plan = readPlan();
  const classId = plan.classId ?? (await db.class.create({ data: { name: "Seed class" } })).id;
  const students = await Promise.all(plan.students.map(async (p) => ({ plan: p, user: await newStudent(p.name) })));
  await db.classMember.createMany({
    data: students.flatMap((s) =>
      [s.plan.classId ?? classId, ...s.plan.alsoIn].map((c) => ({ classId: c, userId: s.user.id, role: "STUDENT" })),
    ),
  });
  const runs = await Promise.all(students.map((s) => startRun(s.user, s.plan)));
  await waitForIdleRuns(120_000);
  // A cell can fail (a busy Ollama): run that student's comparison once more, as a student would.
  for (const [i, s] of students.entries()) {
    if (!(await getOwnEvidence(s.user, runs[i]!))) runs[i] = await startRun(s.user, s.plan);
  }
  await waitForIdleRuns(120_000);

  let reviewer: SessionUser | null = null;
  const made = [];
  for (const [i, { plan: p, user }] of students.entries()) {
    const runId = runs[i]!;
    const { revision } = await saveWriteUpDraft(user, { revision: 0, draft: writeUpFor(p, runId) });
    if (!p.submit) {
      const { imageId } = (await getOwnEvidence(user, runId)) ?? { imageId: null };
      made.push({
        id: user.id,
        name: user.name,
        email: user.email,
        password: user.password,
        submissionId: null,
        runId,
        imageId,
        state: "DRAFT",
      });
      continue;
    }
    const home = p.classId ?? classId;
    const { submissionId } = await submitWriteUp(user, { revision, classId: p.submitTo ?? (p.alsoIn.length ? home : undefined) });
    if (p.review) {
      if (!reviewer) {
        const account = await newStudent("Seed Reviewer");
        reviewer = await setUserRole(account.email, "INSTRUCTOR");
      }
      const target = { classId: p.submitTo ?? home, userId: reviewer!.id };
      await db.classMember.upsert({ where: { classId_userId: target }, create: { ...target, role: "INSTRUCTOR" }, update: {} });
      const rubric = getRubric();
      const levels = Object.fromEntries(
        rubric.criteria.map((c) => [c.id, (p.review!.level === "first" ? c.levels[0] : c.levels.at(-1))!.id]),
      );
      const scope = await instructorScope(reviewer!);
      await claimSubmission(scope, submissionId);
      await decideReview(scope, submissionId, p.review.decision, { levels, feedback: p.review.feedback, grade: null });
    }
    const view = await getSubmissionForViewer(user, submissionId);
    const imageId = view?.versions[0]?.evidence?.imageId ?? null;
    made.push({
      id: user.id,
      name: user.name,
      email: user.email,
      password: user.password,
      submissionId,
      runId,
      imageId,
      state: view?.state,
    });
  }
  console.log(JSON.stringify({ classId, students: made }));
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopOcr().catch(() => {});
    await db.$disconnect();
    // The OCR worker and the runner's timers would keep the process alive.
    process.exit();
  });
