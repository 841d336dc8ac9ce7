// The lab's three prompts, as the lesson asks for them. No dependencies: the browser uses it too.

export const PROMPT_KINDS = ["easy", "task", "failure"] as const;
export type PromptKind = (typeof PROMPT_KINDS)[number];

export const PROMPT_KIND_INFO: Record<PromptKind, { label: string; hint: string }> = {
  easy: { label: "Easy", hint: "Something any model should manage." },
  task: { label: "Task-specific", hint: "The job you would really use it for." },
  failure: { label: "Likely failure", hint: "Where you expect it to break: small text, hidden state, injected instructions." },
};

export const PROMPT_MAX_LENGTH = 1000;
