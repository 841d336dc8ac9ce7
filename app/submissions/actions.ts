"use server";

import { ok } from "@/lib/action-result";
import { defineAction } from "@/lib/server/action";
import { markFeedbackSeen } from "@/lib/submissions/data/store";
import { idSchema } from "@/lib/validation";

/** The owner has the feedback in front of them: the header's badge can go. */
export const markFeedbackSeenAction = defineAction(
  { scope: "submissions", input: idSchema, role: "STUDENT", invalid: "Unknown submission." },
  async (submissionId, { user }) => {
    await markFeedbackSeen(user, submissionId);
    return ok();
  },
);
