"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { formatDateTime } from "@/lib/format";

/**
 * Where "Submit for review" was: the receipt, announced and focused, so the student learns at the
 * point of clicking that it went through (the notice at the top of the write-up is screens away).
 */
export function SubmittedConfirmation({
  submissionId,
  version,
  at,
  timeZone,
}: {
  submissionId: string;
  version: number;
  at: string;
  timeZone: string;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  return (
    <div role="status" className="mt-8 rounded-lg border border-success/40 bg-success-soft px-4 py-3" data-testid="submitted-confirmation">
      <h3 ref={headingRef} tabIndex={-1} className="text-lg font-semibold">
        Submitted for review
      </h3>
      <p className="mt-1 text-sm">
        Version {version}, submitted at {formatDateTime(at, timeZone)}. It is read-only until your instructor returns it.
      </p>
      <p className="mt-2 text-sm">
        <Link href={`/submissions/${submissionId}`} className="font-semibold">
          View your submission
        </Link>
      </p>
    </div>
  );
}
