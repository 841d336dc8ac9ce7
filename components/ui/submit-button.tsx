"use client";

import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { Button } from "@/components/ui/button";

export function SubmitButton({
  children,
  pendingText,
  className,
  variant,
  ariaLabel,
  pending: submitting = false,
}: {
  children: ReactNode;
  pendingText: string;
  className?: string;
  variant?: "primary" | "secondary" | "ghost";
  /** a fuller name when several such buttons share a page ("Add instructor to Class A") */
  ariaLabel?: string;
  /** a submit made from the form's onSubmit (useKeptForm), which useFormStatus does not see */
  pending?: boolean;
}) {
  const pending = useFormStatus().pending || submitting;
  return (
    <Button type="submit" variant={variant} disabled={pending} aria-disabled={pending} aria-label={ariaLabel} className={className}>
      {pending ? pendingText : children}
    </Button>
  );
}
