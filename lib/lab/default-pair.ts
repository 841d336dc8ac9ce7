// Which models the lab's form starts with. Pure: the page decides on the server, the form's
// remembered pick is read in the browser, and both follow these rules.

export type ModelPair = { text: string; vision: string };

/**
 * The student's latest run's pair when both its models are still installed (so a returning student
 * keeps comparing what they compared); else the first of the lesson's recommended pairs that is
 * installed; else the first installed model of each kind ("" when there is none).
 */
export function defaultModelPair(input: {
  recommended: readonly ModelPair[];
  textModels: readonly { name: string }[];
  visionModels: readonly { name: string }[];
  /** the student's latest run, newest first is the caller's to pick */
  lastRun: { textModel: string | null; visionModel: string | null } | null;
}): ModelPair {
  const last = input.lastRun;
  const lastPair = last?.textModel && last.visionModel ? { text: last.textModel, vision: last.visionModel } : null;
  const pair = [lastPair, ...input.recommended].find((p) => p && isInstalledPair(p, input));
  if (pair) return pair;
  return { text: input.textModels[0]?.name ?? "", vision: input.visionModels[0]?.name ?? "" };
}

/** Both models of `pair` are offered (a pick remembered in the browser may name one removed since). */
export function isInstalledPair(
  pair: ModelPair,
  installed: { textModels: readonly { name: string }[]; visionModels: readonly { name: string }[] },
): boolean {
  return installed.textModels.some((m) => m.name === pair.text) && installed.visionModels.some((m) => m.name === pair.vision);
}

/**
 * A pick the student made but did not run yet, as kept in the browser. "" is a column left out on
 * purpose, so it counts as installed.
 */
export function readStoredPair(
  raw: string | null,
  installed: { textModels: readonly { name: string }[]; visionModels: readonly { name: string }[] },
): ModelPair | null {
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const { text, vision } = value as Record<string, unknown>;
  if (typeof text !== "string" || typeof vision !== "string") return null;
  const ok =
    (text === "" || installed.textModels.some((m) => m.name === text)) &&
    (vision === "" || installed.visionModels.some((m) => m.name === vision));
  return ok ? { text, vision } : null;
}
