"use client";

import type { RefObject } from "react";
import type { CheckFeedback, PublicCheck } from "@/lib/checks/types";
import { cn } from "@/lib/utils/cn";

type Ids = { input: string; error: string; hint: string };

/** A numeric check's answer box, its unit, and the field's own error (announced politely). */
export function NumericAnswerField({
  check,
  ids,
  text,
  onText,
  fieldError,
  hasHint,
  inputRef,
}: {
  check: PublicCheck;
  ids: Ids;
  text: string;
  onText: (text: string) => void;
  fieldError: string | null;
  hasHint: boolean;
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  const label = check.input?.label ?? "";
  const unit = check.input?.unit ?? "";
  return (
    <div className="mt-4 flex flex-col gap-1.5">
      <label htmlFor={ids.input} className="text-sm font-semibold">
        {label} ({unit})
      </label>
      <div className="flex items-center gap-2">
        <input
          ref={inputRef}
          id={ids.input}
          name="value"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(event) => onText(event.target.value)}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={[fieldError ? ids.error : null, hasHint ? ids.hint : null].filter(Boolean).join(" ") || undefined}
          className={cn(
            "min-h-11 w-full max-w-56 rounded-lg border bg-surface px-3 py-2 text-base disabled:bg-sunken",
            fieldError ? "border-danger" : "border-line-strong",
          )}
        />
        <span aria-hidden="true" className="text-sm text-ink-muted">
          {unit}
        </span>
      </div>
      <div aria-live="polite">
        {fieldError ? (
          <p id={ids.error} className="text-sm font-medium text-danger">
            {fieldError}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** A choice check's options; once graded, each explained as far as the verdict allows. */
export function OptionAnswerFields({
  check,
  name,
  chosen,
  onPick,
  feedback,
  inputRef,
}: {
  check: PublicCheck;
  name: string;
  chosen: string[];
  onPick: (optionId: string, isOn: boolean) => void;
  feedback: CheckFeedback | null;
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  const optionFeedback = new Map((feedback?.options ?? []).map((o) => [o.id, o]));
  return (
    <>
      <p className="mt-1 text-sm text-ink-muted">{check.kind === "multiple" ? "Select all that apply." : "Choose one."}</p>
      <div className="mt-3 flex flex-col gap-2">
        {(check.options ?? []).map((o, index) => {
          const graded = optionFeedback.get(o.id);
          // After a right answer every option shows why; otherwise only the picks do, and the key waits behind "Show the answer".
          const isExplained = graded && (feedback?.verdict === "right" || graded.chosen);
          return (
            <label
              key={o.id}
              // .check-option (app/globals.css): 240 characters of utilities, once per option of every card.
              className={cn("check-option", feedback !== null && "cursor-default")}
            >
              <input
                ref={index === 0 ? inputRef : undefined}
                type={check.kind === "single" ? "radio" : "checkbox"}
                name={name}
                value={o.id}
                checked={chosen.includes(o.id)}
                onChange={(event) => onPick(o.id, event.target.checked)}
                className="choice-input"
              />
              <span className="min-w-0">
                <span>{o.text}</span>
                {isExplained ? (
                  <span className="mt-1 block text-sm text-ink-muted">
                    <span className={cn("font-semibold", graded.correct ? "text-success" : "text-warning")}>
                      {graded.chosen ? "Your pick: " : ""}
                      {graded.correct ? "right." : "not right."}
                    </span>{" "}
                    {graded.explanation}
                  </span>
                ) : null}
              </span>
            </label>
          );
        })}
      </div>
    </>
  );
}
