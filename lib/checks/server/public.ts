import "server-only";
import { createHmac } from "node:crypto";
import { env } from "@/lib/env";
import type { Check } from "@/lib/checks/schema";
import type { PublicCheck } from "@/lib/checks/types";

// What the page may send of a check before it is answered: the prompt, the hint, the options' text
// under opaque ids (sorted by them, so the order says nothing about the key either); no `correct`,
// no explanations, no number. The same for every reader: the key is revealed to whoever answers,
// so a per-reader id would protect nothing more.

export function publicCheckOptionId(lesson: string, checkId: string, optionId: string): string {
  return createHmac("sha256", env.AUTH_SECRET)
    .update(JSON.stringify(["check-option", lesson, checkId, optionId]))
    .digest("base64url")
    .slice(0, 16);
}

export function toPublicCheck(lesson: string, check: Check): PublicCheck {
  return {
    lesson,
    id: check.id,
    kind: check.kind,
    concept: check.concept,
    prompt: check.prompt,
    ...(check.code ? { code: check.code } : {}),
    hint: check.hint,
    ...(check.options
      ? {
          options: check.options
            .map((o) => ({ id: publicCheckOptionId(lesson, check.id, o.id), text: o.text }))
            .sort((a, b) => a.id.localeCompare(b.id)),
        }
      : {}),
    ...(check.answer ? { input: { label: check.answer.label ?? "Your answer", unit: check.answer.unit } } : {}),
  };
}

/** Public ids back to the authored ones; null when one is unknown (a stale or altered page). */
export function toCanonicalCheckOptions(lesson: string, check: Check, publicIds: readonly string[]): string[] | null {
  const byPublic = new Map((check.options ?? []).map((o) => [publicCheckOptionId(lesson, check.id, o.id), o.id]));
  const ids: string[] = [];
  for (const id of new Set(publicIds)) {
    const canonical = byPublic.get(id);
    if (!canonical) return null;
    ids.push(canonical);
  }
  if (check.kind === "single" && ids.length > 1) return null;
  return ids;
}
