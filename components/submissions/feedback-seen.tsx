"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { markFeedbackSeenAction } from "@/app/submissions/actions";

/** Once the owner has the feedback on screen, the header's "new feedback" badge is cleared. */
export function FeedbackSeen({ submissionId }: { submissionId: string }) {
  const router = useRouter();
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    markFeedbackSeenAction(submissionId)
      .then((result) => {
        if (result.ok) router.refresh();
      })
      .catch(() => undefined);
  }, [submissionId, router]);
  return null;
}
