import type { ButtonHTMLAttributes } from "react";
import { cn } from "@/lib/utils/cn";

type Variant = "primary" | "secondary" | "ghost";

// The classes live in app/globals.css (.btn and one look each): a page with many buttons carries
// two short names per button instead of the utilities. A className given here still wins.
export function buttonClasses(variant: Variant = "primary", className?: string): string {
  return cn("btn", `btn-${variant}`, className);
}

export function Button({
  variant = "primary",
  className,
  type = "button",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button type={type} className={buttonClasses(variant, className)} {...props} />;
}
