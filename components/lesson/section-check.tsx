import { SectionCheckCard } from "@/components/lesson/section-check-card";
import { checkPosition, getCheck } from "@/lib/checks/server/content";
import { toPublicCheck } from "@/lib/checks/server/public";

/** `<SectionCheck id="…" />` in lesson MDX: the check's public view only (content validation guarantees the id). */
export function SectionCheck({ lesson, id, timeZone }: { lesson: string; id: string; timeZone: string }) {
  const check = getCheck(lesson, id);
  if (!check) return null;
  // Numbered in page order, so each card's region has its own name ("Check yourself 3 of 13: OCR").
  const position = checkPosition(lesson, id);
  return <SectionCheckCard check={toPublicCheck(lesson, check)} position={position} timeZone={timeZone} />;
}
