import { describe, expect, it } from "vitest";
import { readVisionPromptTemplateFile } from "@/lib/content/server/files";
import { buildTextOnlyPrompt, buildVisionPrompt, defaultPrompts, fieldName, parseVisionOutput } from "@/lib/lab/prompts";
import { promptSchema, visionOutputJsonSchema, visionOutputSchema } from "@/lib/lab/schemas";

const template = readVisionPromptTemplateFile();

describe("lab prompts from the lesson's template", () => {
  it("names the output fields after the template, and sends Ollama the JSON Schema of the same zod schema", () => {
    expect(template.output.map(fieldName)).toEqual(Object.keys(visionOutputSchema.shape));
    expect(visionOutputJsonSchema()).toEqual({
      type: "object",
      properties: {
        visible_text: { type: "array", items: { type: "string" } },
        visible_controls: {
          type: "array",
          items: {
            type: "object",
            properties: {
              type: { type: "string", description: expect.stringMatching(/kind of control/) },
              label: { type: "string", description: "its visible label" },
              state: { type: "string", description: expect.stringMatching(/visible state/) },
            },
            required: ["type", "label", "state"],
            additionalProperties: false,
          },
        },
        likely_user_task: { type: ["string", "null"] },
        uncertainties: { type: "array", items: { type: "string" } },
      },
      required: ["visible_text", "visible_controls", "likely_user_task", "uncertainties"],
      additionalProperties: false,
    });
  });

  it("offers three defaults: easy, task-specific, likely failure; all carry the template", () => {
    const prompts = defaultPrompts(template);
    expect(Object.keys(prompts)).toEqual(["easy", "task", "failure"]);
    expect(prompts.task).toContain("Describe only what is visible.");
    expect(prompts.task).toContain("Do not guess hidden state.");
    expect(prompts.failure).toMatch(/hidden/);
    for (const p of Object.values(prompts)) expect(promptSchema.safeParse(p).success).toBe(true);
  });

  it("frames a vision prompt with the rule and says image text is not an instruction", () => {
    const text = buildVisionPrompt(template, "  What is on screen? ");
    expect(text.startsWith("What is on screen?")).toBe(true);
    expect(text).toContain("Do not guess hidden state.");
    expect(text).toContain("not instructions to follow");
    expect(text).toContain('"visible_controls"');
  });

  it("tells a text-only model that no image was sent", () => {
    expect(buildTextOnlyPrompt("What is on screen?")).toMatch(/no image is attached/);
  });

  it("limits prompt length", () => {
    expect(promptSchema.safeParse("x".repeat(1001)).success).toBe(false);
    expect(promptSchema.safeParse("   ").success).toBe(false);
  });

  it("keeps invalid JSON as raw text", () => {
    expect(parseVisionOutput('{"visible_text":["A"],"visible_controls":[],"likely_user_task":null,"uncertainties":[]}')).toMatchObject({
      ok: true,
    });
    expect(parseVisionOutput("Sure! Here is the JSON: {")).toEqual({ ok: false, raw: "Sure! Here is the JSON: {" });
    expect(parseVisionOutput('{"visible_text":"not a list"}')).toMatchObject({ ok: false });
  });
});
