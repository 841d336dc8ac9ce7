"use client";

import { Check, Copy } from "lucide-react";
import { useState, type MouseEvent } from "react";

/**
 * Copies `text`, or without it the code of the figure the button sits in: a code block's text is
 * then sent once, in its <code>, not again as this island's prop.
 */
export function CopyButton({ text, label = "Copy code" }: { text?: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy(event: MouseEvent<HTMLButtonElement>) {
    const value = text ?? event.currentTarget.closest("figure")?.querySelector("code")?.textContent ?? "";
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
    window.setTimeout(() => setState("idle"), 2000);
  }
  return (
    <button
      type="button"
      onClick={copy}
      className="inline-flex min-h-8 items-center gap-1.5 rounded-md border border-line-strong bg-surface px-2.5 text-xs font-semibold text-ink hover:bg-sunken"
    >
      {state === "copied" ? <Check aria-hidden="true" className="size-3.5" /> : <Copy aria-hidden="true" className="size-3.5" />}
      <span aria-live="polite">{state === "copied" ? "Copied" : state === "failed" ? "Press Ctrl+C to copy" : label}</span>
    </button>
  );
}
