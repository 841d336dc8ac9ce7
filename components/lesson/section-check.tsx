import { SectionCheckCard } from "@/components/lesson/section-check-card";
import { getCheck, placedChecks } from "@/lib/checks/content";
import { getLesson } from "@/lib/content/lessons";
import { toPublicCheck } from "@/lib/checks/public";

/** `<SectionCheck id="…" />` in lesson MDX: the check's public view only (content validation guarantees the id). */
export function SectionCheck({ lesson, id, timeZone }: { lesson: string; id: string; timeZone: string }) {
  const check = getCheck(lesson, id);
  if (!check) return null;
  // Numbered in page order, so each card's region has its own name ("Check yourself 3 of 13: OCR").
  const placed = placedChecks(getLesson(lesson)?.body ?? "");
  const position = { number: placed.findIndex((p) => p.id === id) + 1, total: placed.length };
  return <SectionCheckCard check={toPublicCheck(lesson, check)} position={position} timeZone={timeZone} />;
}
