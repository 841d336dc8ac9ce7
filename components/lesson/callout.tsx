import type { ReactNode } from "react";
import { AlertTriangle, Info, Lightbulb } from "lucide-react";
import { cn } from "@/lib/utils/cn";

const styles = {
  note: { icon: Info, box: "border-accent/40 bg-accent-soft", label: "Note" },
  tip: { icon: Lightbulb, box: "border-success/40 bg-success-soft", label: "Tip" },
  warning: { icon: AlertTriangle, box: "border-warning/50 bg-warning-soft", label: "Warning" },
} as const;

export function Callout({ type = "note", title, children }: { type?: keyof typeof styles; title?: string; children: ReactNode }) {
  const style = styles[type] ?? styles.note;
  const Icon = style.icon;
  return (
    <aside aria-label={title ?? style.label} className={cn("not-prose my-6 flex gap-3 rounded-xl border px-4 py-3", style.box)}>
      <Icon aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
      <div className="min-w-0 text-[0.95rem] leading-relaxed [&_a]:underline [&_code]:font-mono [&_code]:text-[0.9em] [&_p+p]:mt-2">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children}
      </div>
    </aside>
  );
}
