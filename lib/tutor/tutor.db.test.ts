import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/data/users";
import { db } from "@/lib/db";
import { newClass, scopeOf } from "@/test/classes";
import { getLesson, listLessonSlugs } from "@/lib/content/server/lessons";
import { getQuizWithKey } from "@/lib/quiz/server/content";
import { forgetCatalogue } from "@/lib/ollama/server/catalogue";
import { forgetOllamaVersions } from "@/lib/ollama/server/client";
import { NOT_COVERED_MESSAGE, splitCitations, type TutorEvent } from "@/lib/tutor/events";
import { getClassQuestions } from "@/lib/tutor/data/questions";
import { checkTutorLimit } from "@/lib/tutor/server/rate-limit";
import { answerQuestion, tutorIndex, type TutorAsker } from "@/lib/tutor/data/tutor";
import { DEFAULT_MODELS, startOllamaTestServer, type OllamaTestServer } from "@/test/ollama-double/test-server";

// The tutor end to end in-process: retrieval, rules, and lib/ollama against its own Ollama test
// double (so failures set here touch no other test), with the real database.

let server: OllamaTestServer;
const guest: TutorAsker = { userId: null, quizUnlocked: false };

beforeAll(async () => {
  server = await startOllamaTestServer({ latency: { load: 10, firstToken: 2, perToken: 1 } });
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  forgetCatalogue();
  forgetOllamaVersions();
});

async function ask(question: string, options: { lesson?: string; asker?: TutorAsker; host?: string; configuredModel?: string } = {}) {
  const events: TutorEvent[] = [];
  const mode = await answerQuestion(
    {
      lesson: options.lesson ?? "local-qwen-vl",
      question,
      asker: options.asker ?? guest,
      host: options.host ?? server.url,
      ...("configuredModel" in options ? { configuredModel: options.configuredModel } : { configuredModel: undefined }),
    },
    (event) => events.push(event),
  );
  const start = events.find((e) => e.type === "start");
  if (!start || start.type !== "start") throw new Error("no start event");
  const answer = events.flatMap((e) => (e.type === "delta" ? [e.text] : [])).join("");
  const error = events.find((e) => e.type === "error");
  return { mode, start, answer, events, error: error?.type === "error" ? error.message : null, done: events.at(-1)?.type === "done" };
}

describe("the lesson tutor", () => {
  it("streams a grounded answer from a local model, citing the sections it used", async () => {
    const result = await ask("How can I tell a cold start from a warm one?");
    expect(result.mode).toBe("model");
    expect(result.start.model).toBe("qwen3:4b-instruct");
    expect(result.start.sources.map((s) => s.anchor)).toContain("reading-ollamas-metrics");
    expect(result.events.filter((e) => e.type === "delta").length).toBeGreaterThan(3);
    expect(result.done).toBe(true);
    const parts = splitCitations(result.answer, result.start.sources);
    expect(parts.some((p) => "cite" in p && p.cite.n === 1)).toBe(true);

    // The model got the rules as a system message and the passages as quoted data.
    const chat = server.log.filter((e) => e.path === "/api/chat").at(-1)!;
    expect(chat.model).toBe("qwen3:4b-instruct");
    expect(chat.messages).toBe(2);
    expect(chat.options).toMatchObject({ num_predict: 400, num_ctx: 4096 });
    // ... and among them: never say which option a quiz question wants.
    expect(chat.system).toMatch(/never say which of several options, tags or figures a quiz question wants/);
  });

  it("adds a check's explanation to the passages once the student has answered it, not before", async () => {
    const lesson = getLesson("local-qwen-vl")!;
    const ids = (checks: string[]) => [...tutorIndex(lesson, false, checks).passages.keys()];
    expect(ids([]).some((id) => id.includes("#extra-check-"))).toBe(false);
    expect(ids(["gpu-share-api-ps"])).toContain("local-qwen-vl#extra-check-gpu-share-api-ps");
    expect(ids(["gpu-share-api-ps"]).filter((id) => id.includes("#extra-check-"))).toHaveLength(1);
    // The recommended pairs and the write-up rubric are always there.
    expect(ids([]).some((id) => id.includes("#extra-pair-"))).toBe(true);
    expect(ids([]).some((id) => id.includes("#extra-rubric-"))).toBe(true);
  });

  it("refuses a quiz item in other words, before and after the student's attempt, and asks no model", async () => {
    for (const quizUnlocked of [false, true]) {
      for (const question of [
        "For the 8 GB laptop question, should it be qwen3-vl:2b?",
        "my laptop has 8gb ram and no graphics card, which qwen-vl tag should i try first",
      ]) {
        const result = await ask(question, { asker: { userId: null, quizUnlocked } });
        expect(result.mode, question).toBe("refused");
        expect(result.start.sources.length).toBeGreaterThan(0);
      }
    }
    expect(server.log.some((e) => e.path === "/api/chat")).toBe(false);
  });

  it("falls back to another installed text model when the lesson's pick is missing", async () => {
    server.setFailure("qwen3:4b-instruct", "not-found");
    const result = await ask("What does Q4_K_M mean?");
    expect(result.mode).toBe("model");
    expect(result.start.model).not.toBe("qwen3:4b-instruct");
    expect(result.answer).toMatch(/\[1\]/);
  });

  it("uses exactly the configured model; when it is missing, quotes the passages and says how to get one", async () => {
    server.setFailure("llama3.2:3b", "not-found");
    const result = await ask("What does Q4_K_M mean?", { configuredModel: "llama3.2:3b" });
    expect(result.mode).toBe("passages");
    expect(result.start.note).toMatch(/A local model would phrase these.*llama3\.2:3b is not installed \(ollama pull llama3\.2:3b\)/);
    expect(result.start.sources[0]!.excerpt).toMatch(/Q4_K_M/);
    expect(server.log.some((e) => e.path === "/api/chat")).toBe(false);
  });

  it("answers with the passages when Ollama is down", async () => {
    const gone = await startOllamaTestServer();
    const url = gone.url;
    await gone.close();
    const result = await ask("How many tokens does a 1280x720 screenshot cost?", { host: url });
    expect(result.mode).toBe("passages");
    expect(result.start.note).toMatch(/Ollama is not answering at/);
    expect(result.start.sources.length).toBeGreaterThan(0);
    expect(result.start.sources.every((s) => s.excerpt.length > 0 && s.excerpt.length <= 620)).toBe(true);
  });

  it("answers with the passages when no text model is installed", async () => {
    const visionOnly = await startOllamaTestServer({ models: DEFAULT_MODELS.filter((m) => m.vision) });
    try {
      const result = await ask("What is prefill?", { host: visionOnly.url });
      expect(result.mode).toBe("passages");
      expect(result.start.note).toMatch(/no text model is installed in Ollama \(ollama pull qwen3:4b-instruct\)/);
    } finally {
      await visionOnly.close();
    }
  });

  it("keeps what the model said and the passages when it fails mid-answer", async () => {
    server.setFailure("qwen3:4b-instruct", "mid-stream-error", { afterChunks: 3 });
    const result = await ask("What does size_vram tell me?");
    expect(result.mode).toBe("model");
    expect(result.answer.length).toBeGreaterThan(0);
    expect(result.error).toMatch(/passages it was answering from are below/);
    expect(result.start.sources.length).toBeGreaterThan(0);
  });

  it("says when the lesson does not cover a question, with the closest sections", async () => {
    const result = await ask("How do I bake sourdough bread?");
    expect(result.mode).toBe("not-covered");
    expect(result.start.message).toBe(NOT_COVERED_MESSAGE);
    expect(result.start.sources.length).toBeGreaterThan(0);
    expect(server.log.some((e) => e.path === "/api/chat")).toBe(false);
  });

  it("does not hand out quiz answers or write the recommendation, and points to sections instead", async () => {
    for (const question of ["What's the answer to question 5 of the quiz?", "Write my recommendation paragraph for me"]) {
      const result = await ask(question);
      expect(result.mode).toBe("refused");
      expect(result.start.message).toMatch(/^I won't/);
      expect(result.start.sources.length).toBeGreaterThan(0);
    }
    expect(server.log.some((e) => e.path === "/api/chat")).toBe(false);
  });

  it("searches the quiz's explanations only once the student has submitted the quiz", async () => {
    const lesson = getLesson("local-qwen-vl")!;
    const kinds = (withQuiz: boolean) => [...tutorIndex(lesson, withQuiz).passages.values()].filter((p) => p.kind === "quiz").length;
    expect(kinds(false)).toBe(0);
    expect(kinds(true)).toBe(getQuizWithKey("local-qwen-vl")!.questions.length);
    const result = await ask("why would a 7b model be slow on a laptop with a small graphics card", {
      configuredModel: "off",
      asker: { userId: null, quizUnlocked: true },
    });
    expect(result.mode).toBe("passages");
    expect(result.start.note).toMatch(/switched off/);
    // A quiz passage lends its weight to the section it is about; what is quoted is the section's own text.
    expect(result.start.sources[0]!.anchor).toBe("size-quantisation-and-memory");
    expect(result.start.sources[0]!.excerpt).not.toMatch(/^Quiz question/);
  });

  it("stores a signed-in student's questions with the section they matched", async () => {
    const user = await createUser({
      name: "Tutor Student",
      email: `tutor-${randomUUID().slice(0, 8)}@example.test`,
      password: "correct horse battery",
    });
    await ask("What does Q4_K_M mean?", { asker: { userId: user.id, quizUnlocked: false }, configuredModel: "off" });
    await ask("How do I bake sourdough bread?", { asker: { userId: user.id, quizUnlocked: false } });
    const stored = await db.tutorQuestion.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
    expect(stored.map((q) => [q.question, q.anchor, q.outcome])).toEqual([
      ["What does Q4_K_M mean?", "size-quantisation-and-memory", "PASSAGES"],
      ["How do I bake sourdough bread?", null, "NOT_COVERED"],
    ]);
  });

  it("groups the class's questions by the section they matched, without names, for instructors only", async () => {
    const lesson = "multimodal-model-families";
    const make = (name: string) =>
      createUser({ name, email: `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@example.test`, password: "correct horse battery" });
    const [ada, bo] = await Promise.all([make("Ada"), make("Bo")]);
    for (const [user, question] of [
      [ada, "What does an encoder do?"],
      [bo, "what is an encoder for"],
      [bo, "How do I bake sourdough bread?"],
    ] as const)
      await ask(question, { lesson, asker: { userId: user.id, quizUnlocked: false }, configuredModel: "off" });

    const instructor = { ...(await make("Ines")), role: "INSTRUCTOR" as const };
    const outsider = await make("Otto");
    await newClass([instructor, ada, bo]);
    await ask("What is an encoder in a vision model?", {
      lesson,
      asker: { userId: outsider.id, quizUnlocked: false },
      configuredModel: "off",
    });
    const view = await getClassQuestions(await scopeOf(instructor), lesson);
    // Only the class's students: Otto is in no class of Ines's.
    expect(view.students).toBe(2);
    expect(view.groups.flatMap((g) => g.questions.map((q) => q.question))).not.toContain("What is an encoder in a vision model?");
    const encoder = view.groups.find((g) => g.questions.some((q) => q.question === "What does an encoder do?"))!;
    expect(encoder.anchor).toBeTruthy();
    expect(encoder.count).toBeGreaterThanOrEqual(2);
    expect(encoder.outcomes.PASSAGES).toBeGreaterThanOrEqual(2);
    const notCovered = view.groups.find((g) => g.anchor === null)!;
    expect(notCovered.title).toBe("Not covered by the lesson");
    expect(notCovered.questions.map((q) => q.question)).toContain("How do I bake sourdough bread?");
    expect(JSON.stringify(view)).not.toMatch(/Ada|Bo"|example\.test/);

    await expect(scopeOf({ ...instructor, role: "STUDENT" })).rejects.toThrow(/instructors/);
  });

  it("limits questions per student an hour, atomically", async () => {
    const userId = `limit-${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 70 }, () => checkTutorLimit({ userId, address: "203.0.113.9" })));
    expect(results.filter((r) => r.allowed)).toHaveLength(60);
    const refused = results.find((r) => !r.allowed);
    expect(refused && !refused.allowed && refused.retryAfterSeconds).toBeGreaterThan(0);
    // Guests are counted per address, apart from accounts.
    expect((await checkTutorLimit({ userId: null, address: "203.0.113.9" })).allowed).toBe(true);
  });

  it.each(listLessonSlugs())("answers on %s, with and without a model", async (lesson) => {
    const question = {
      "local-qwen-vl": "What is prefill?",
      "vision-cost-comparison": "How do I count the image tokens for a screenshot?",
      "vision-model-selection": "How many images do I need for an eval set?",
      "multimodal-model-families": "What does an encoder do?",
    }[lesson];
    expect(question, `add a question for ${lesson}`).toBeDefined();
    const withModel = await ask(question!, { lesson });
    expect(withModel.mode).toBe("model");
    expect(withModel.answer).toMatch(/\[1\]/);
    const without = await ask(question!, { lesson, configuredModel: "off" });
    expect(without.mode).toBe("passages");
    expect(without.start.sources.length).toBeGreaterThan(0);
  });
});
