"use client";

import { toggleOption } from "@/lib/quiz/known-answers";
import type { PublicQuestion } from "@/lib/quiz/types";

/** One question of the attempt: its prompt and options, each click saved at once. */
export function QuizQuestion({
  question: q,
  chosen,
  onSave,
}: {
  question: PublicQuestion;
  chosen: string[];
  onSave: (questionId: string, change: (previous: string[]) => string[]) => void;
}) {
  return (
    // scroll-mt clears the sticky progress bar; the fieldset takes focus when the navigator jumps here.
    <li id={`question-${q.number}`} className="scroll-mt-24 rounded-2xl border border-line bg-surface p-5 sm:p-6">
      <fieldset tabIndex={-1} className="rounded-lg focus-visible:outline-3 focus-visible:outline-offset-4 focus-visible:outline-focus">
        <legend className="text-base font-semibold">
          <span className="mr-1 text-accent">Question {q.number}.</span> {q.prompt}
        </legend>
        <p className="mt-1 text-sm text-ink-muted">{q.kind === "multiple" ? "Select all that apply." : "Choose one."}</p>
        <div className="mt-4 flex flex-col gap-2">
          {q.options.map((o) => (
            <label
              key={o.id}
              className="flex cursor-pointer items-start gap-3 rounded-xl border border-line px-4 py-3 has-[:checked]:border-accent has-[:checked]:bg-accent-soft has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-focus"
            >
              <input
                type={q.kind === "single" ? "radio" : "checkbox"}
                name={q.id}
                value={o.id}
                checked={chosen.includes(o.id)}
                onChange={(event) => {
                  const isOn = event.target.checked;
                  onSave(q.id, (previous) => toggleOption(q.kind, previous, o.id, isOn));
                }}
                className="choice-input"
              />
              <span>{o.text}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </li>
  );
}
