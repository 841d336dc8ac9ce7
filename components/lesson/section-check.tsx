import { SectionCheckCard } from "@/components/lesson/section-check-card";
import { getCheck } from "@/lib/checks/content";
import { toPublicCheck } from "@/lib/checks/public";

/** `<SectionCheck id="…" />` in lesson MDX: the check's public view only (content validation guarantees the id). */
export function SectionCheck({ lesson, id, timeZone }: { lesson: string; id: string; timeZone: string }) {
  const check = getCheck(lesson, id);
  if (!check) return null;
  return <SectionCheckCard check={toPublicCheck(lesson, check)} timeZone={timeZone} />;
}
