import { STATE_LABELS, type SubmissionState } from "@/lib/submissions/schemas";
import { cn } from "@/lib/utils/cn";

const tones: Record<SubmissionState, string> = {
  DRAFT: "bg-sunken text-ink",
  SUBMITTED: "bg-accent-soft text-ink",
  IN_REVIEW: "bg-accent-soft text-ink",
  RETURNED: "bg-warning-soft text-warning",
  COMPLETED: "bg-success-soft text-success",
};

export function StateBadge({ state, className }: { state: SubmissionState; className?: string }) {
  return (
    <span
      className={cn("inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold", tones[state], className)}
      data-testid="submission-state"
    >
      {STATE_LABELS[state]}
    </span>
  );
}
