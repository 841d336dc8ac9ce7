"use client";

import { useRef, useState, type KeyboardEvent } from "react";
import type { LabRunView } from "@/lib/lab/types";
import { PROMPT_KINDS } from "@/lib/lab/prompt-kinds";
import { cn } from "@/lib/utils/cn";
import { Cell } from "@/components/lab/run/cell-card";
import { labelOf } from "@/components/lab/run/cell-text";
import type { FailureGroup } from "@/components/lab/run/failures";

const COLUMNS = [
  { key: "TEXT", title: "Text-only model", note: "Got the prompt only: no image was sent." },
  { key: "VISION", title: "Vision model", note: "Got the prompt and the screenshot, asked for structured output." },
  { key: "OCR", title: "OCR baseline", note: "tesseract.js on the same image: text only, no controls, no task." },
] as const;

/** Rows of the wide grid: the model columns' three prompts; the OCR baseline's one result sits in the first row. */
const rowKinds = (column: string) => (column === "OCR" ? ["ocr", "-", "-"] : PROMPT_KINDS);

/** Wide screens: a grid whose rows are the prompt kinds, so answers to one prompt sit side by side. Phones: one column at a time, as tabs. */
export function Columns({
  run,
  isBusy,
  onRetry,
  failures,
  retryError,
}: {
  run: LabRunView;
  isBusy: boolean;
  onRetry?: (id: string) => void;
  failures: FailureGroup[];
  retryError: { cellId: string; text: string } | null;
}) {
  const present = COLUMNS.filter((col) => run.cells.some((c) => c.column === col.key));
  const [selected, setSelected] = useState<string>(present.find((c) => c.key === "VISION")?.key ?? present[0]?.key ?? "TEXT");
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const delta = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    const target =
      event.key === "Home"
        ? 0
        : event.key === "End"
          ? present.length - 1
          : delta
            ? (index + delta + present.length) % present.length
            : null;
    const next = target === null ? undefined : present[target];
    if (target === null || !next) return;
    event.preventDefault();
    setSelected(next.key);
    tabs.current[target]?.focus();
  };
  const statusOf = (key: string) => {
    const cells = run.cells.filter((c) => c.column === key);
    const done = cells.filter((c) => !["PENDING", "RUNNING"].includes(c.status)).length;
    return `${done}/${cells.length}`;
  };
  return (
    <div className="mt-6">
      <div role="tablist" aria-label="Result columns" className="flex gap-1 rounded-xl bg-sunken p-1 lg:hidden">
        {present.map((col, index) => (
          <button
            key={col.key}
            ref={(el) => {
              tabs.current[index] = el;
            }}
            role="tab"
            id={`tab-${col.key}`}
            aria-selected={selected === col.key}
            aria-controls={`column-${col.key}`}
            tabIndex={selected === col.key ? 0 : -1}
            onClick={() => setSelected(col.key)}
            onKeyDown={(e) => onKeyDown(e, index)}
            className={cn(
              "min-h-11 flex-1 rounded-lg px-2 text-sm font-semibold",
              selected === col.key ? "bg-surface text-ink shadow-sm" : "text-ink-muted hover:text-ink",
            )}
          >
            {col.title.replace(" model", "").replace(" baseline", "")}
            <span className="ml-1 text-xs font-normal">{statusOf(col.key)}</span>
          </button>
        ))}
      </div>
      <div className="mt-4 grid gap-4 lg:grid-cols-3">
        {present.map((col) => (
          <div
            key={col.key}
            id={`column-${col.key}`}
            role="tabpanel"
            aria-labelledby={`tab-${col.key}`}
            className={cn(
              "flex min-w-0 flex-col gap-3 lg:row-span-4 lg:grid lg:grid-rows-subgrid",
              selected !== col.key && "hidden lg:grid",
            )}
          >
            <div>
              <h4 className="font-semibold">{col.title}</h4>
              <p className="text-xs text-ink-muted">{col.note}</p>
            </div>
            {rowKinds(col.key).map((kind, row) => {
              const cell = run.cells.find((c) => c.column === col.key && c.promptKind === kind);
              if (!cell) return <div key={`${kind}-${row}`} aria-hidden="true" className="hidden lg:block" />;
              return (
                <div key={cell.id} className="min-w-0">
                  <p className="mb-1 text-xs font-semibold tracking-wide text-ink-muted uppercase">{labelOf(cell.promptKind)}</p>
                  <Cell
                    cell={cell}
                    isBusy={isBusy}
                    onRetry={onRetry}
                    shared={failures.find((g) => g.cells.includes(cell.id))}
                    retryError={retryError?.cellId === cell.id ? retryError.text : undefined}
                  />
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
