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
}: {
  children: ReactNode;
  pendingText: string;
  className?: string;
  variant?: "primary" | "secondary" | "ghost";
  /** a fuller name when several such buttons share a page ("Add instructor to Class A") */
  ariaLabel?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant={variant} disabled={pending} aria-disabled={pending} aria-label={ariaLabel} className={className}>
      {pending ? pendingText : children}
    </Button>
  );
}
