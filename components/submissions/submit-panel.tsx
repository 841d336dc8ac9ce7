"use client";

import type { ReactNode, Ref } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { Missing } from "@/lib/submissions/completeness";

/** Moves to a field named in the list of what is missing, scrolled into view. */
function focusField(field: string) {
  const target = document.getElementById(field);
  const focusable = target?.matches("input, select, textarea") ? target : target?.querySelector<HTMLElement>("input, select, textarea");
  target?.scrollIntoView({ block: "center" });
  (focusable ?? target)?.focus();
}

/**
 * The Submit button, with why the last submit did not go through: what is missing (each a link to
 * its field), kept up to date as the student fixes each piece, or the failure.
 */
export function SubmitPanel({
  classChoice,
  cannotSubmit,
  missing,
  message,
  isSubmitting,
  onSubmit,
  missingRef,
}: {
  /** which class it goes to (said, chosen, or how to join one) */
  classChoice: ReactNode;
  /** no class to submit to yet: the button stays, disabled */
  cannotSubmit: boolean;
  /** what the last submit found missing, as it stands now (null: that submit was not refused for it) */
  missing: Missing[] | null;
  message: string | null;
  isSubmitting: boolean;
  onSubmit: () => void;
  /** the list of what is missing, focused when it appears */
  missingRef: Ref<HTMLDivElement>;
}) {
  return (
    <div className="mt-8 flex flex-col gap-4">
      {missing ? (
        // Focused when it appears (so it is read then); not a live region, or every keystroke that
        // changes a word count would be read out again.
        <div
          ref={missingRef}
          tabIndex={-1}
          role="group"
          aria-labelledby="submit-missing-title"
          className="rounded-lg border border-danger/40 bg-danger-soft px-4 py-3 text-sm"
          data-testid="submit-missing"
        >
          <p id="submit-missing-title" className="font-semibold">
            {missing.length
              ? `Before you submit, ${missing.length === 1 ? "one thing is" : `${missing.length} things are`} missing.`
              : "Everything listed is done: submit again when you are ready."}
          </p>
          <ul className="mt-2 list-disc pl-5 empty:hidden">
            {missing.map((m) => (
              <li key={`${m.field}-${m.message}`}>
                <a
                  href={`#${m.field}`}
                  onClick={(event) => {
                    event.preventDefault();
                    focusField(m.field);
                  }}
                >
                  {m.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : message ? (
        <div role="alert">
          <Notice tone="danger">{message}</Notice>
        </div>
      ) : null}
      {classChoice}
      <Button className="self-start" onClick={onSubmit} disabled={isSubmitting || cannotSubmit}>
        {isSubmitting ? "Submitting…" : "Submit for review"}
      </Button>
    </div>
  );
}
