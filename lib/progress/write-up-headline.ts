import type { SubmissionState } from "@/lib/submissions/schemas";

// What the lab card says first once a student has a write-up: its state and, when the review is
// complete, its grade, with the one thing to do next. The latest run's state comes second: a
// cancelled run after a graded write-up is not the news.

export type WriteUpGrade = { points: number; max: number };

export type WriteUpHeadline = {
  text: string;
  /** the next thing to do, and where: the feedback page, or the write-up under the lab */
  action: { label: string; to: "feedback" | "write-up" };
};

export function writeUpHeadline(state: SubmissionState, grade: WriteUpGrade | null): WriteUpHeadline {
  switch (state) {
    case "COMPLETED":
      return {
        text: grade ? `Write-up: completed · ${grade.points}/${grade.max}` : "Write-up: completed",
        action: { label: "Read feedback", to: "feedback" },
      };
    case "RETURNED":
      return { text: "Write-up: returned for revision", action: { label: "Revise", to: "write-up" } };
    case "IN_REVIEW":
      return { text: "Write-up: submitted, in review", action: { label: "See your write-up", to: "write-up" } };
    case "SUBMITTED":
      return { text: "Write-up: submitted, waiting for review", action: { label: "See your write-up", to: "write-up" } };
    case "DRAFT":
      return { text: "Write-up: draft saved", action: { label: "Continue the write-up", to: "write-up" } };
  }
}
