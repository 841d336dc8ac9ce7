"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setHideNamesAction } from "@/app/instructor/submissions/actions";

/** "Hide student names" while grading, remembered by this browser. */
export function HideNamesToggle({ hidden }: { hidden: boolean }) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  return (
    <label className="flex min-h-11 items-center gap-2 text-sm">
      <input
        type="checkbox"
        checked={hidden}
        disabled={isPending}
        onChange={(e) => {
          const hide = e.target.checked;
          startTransition(async () => {
            await setHideNamesAction(hide);
            router.refresh();
          });
        }}
        className="size-4 accent-accent"
      />
      Hide student names
    </label>
  );
}
