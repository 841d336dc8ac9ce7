"use client";

/**
 * "Skip to review": past the write-up and its evidence, straight to the rubric. Focus is moved by
 * hand because following a fragment link does not move it in every browser; the href still works
 * without JavaScript.
 */
export function SkipToReview({ targetId }: { targetId: string }) {
  return (
    <a
      href={`#${targetId}`}
      className="font-semibold"
      onClick={(event) => {
        const target = document.getElementById(targetId);
        if (!target) return;
        event.preventDefault();
        target.scrollIntoView({ block: "start" });
        target.focus();
      }}
    >
      Skip to review
    </a>
  );
}
