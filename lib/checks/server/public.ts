import "server-only";
import { createHmac } from "node:crypto";
import { env } from "@/lib/env";
import { getCheck } from "@/lib/checks/server/content";
import { getLesson } from "@/lib/content/server/lessons";
import type { Check } from "@/lib/checks/schema";
import type { PublicCheck } from "@/lib/checks/types";

// What the page may send of a check before it is answered: the prompt, the options' text
// under opaque ids (sorted by them, so the order says nothing about the key either); no `correct`,
// no explanations, no number. The same for every reader: the key is revealed to whoever answers,
// so a per-reader id would protect nothing more. The hint is public too, but it goes only to a
// reader who asks for it (getCheckHint), so the page does not carry a hint per card that most never open.

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

/** A check's hint for "Show a hint"; null when the lesson or the check is unknown (a stale or altered page). */
export function getCheckHint(lesson: string, checkId: string): string | null {
  const check = getLesson(lesson) ? getCheck(lesson, checkId) : null;
  return check?.hint ?? null;
}
