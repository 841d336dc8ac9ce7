"use client";

import Link from "next/link";
import type { Ref } from "react";
import type { ClassOption } from "@/lib/classes/types";

export const CLASS_SELECT_ID = "write-up-class";

/**
 * Which class the write-up goes to, above the Submit button: said when there is one (or it was
 * already submitted to one), chosen when the student is in several, and how to join when in none.
 */
export function ClassChoice({
  classes,
  submittedTo,
  value,
  onChange,
  error,
  selectRef,
}: {
  classes: ClassOption[];
  submittedTo: ClassOption | null;
  value: string;
  onChange: (classId: string) => void;
  error: string | null;
  selectRef: Ref<HTMLSelectElement>;
}) {
  const only = submittedTo ?? (classes.length === 1 ? classes[0]! : null);
  if (only) {
    return (
      <p className="text-sm text-ink-muted">
        This write-up goes to <strong className="text-ink">{only.name}</strong>.
      </p>
    );
  }
  if (classes.length === 0) {
    return (
      <p className="max-w-2xl text-sm text-ink-muted" data-testid="write-up-no-class">
        You are not in a class yet, so there is no instructor to submit to. Your write-up is saved as you type;{" "}
        <Link href="/join">join your class</Link> with the code your instructor gave you, then submit.
      </p>
    );
  }
  const errorId = `${CLASS_SELECT_ID}-error`;
  return (
    <div className="flex max-w-md flex-col gap-1">
      <label htmlFor={CLASS_SELECT_ID} className="text-sm font-semibold">
        Class this write-up is for
      </label>
      <select
        id={CLASS_SELECT_ID}
        ref={selectRef}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className="min-h-11 rounded-md border border-line bg-surface px-3 text-ink"
      >
        <option value="">Choose a class</option>
        {classes.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      {error ? (
        <p id={errorId} className="text-sm font-semibold text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
