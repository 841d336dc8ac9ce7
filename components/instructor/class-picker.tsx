"use client";

import { useActionState, useId, useRef } from "react";
import { chooseClassAction, type ChooseClassState } from "@/app/instructor/actions";
import type { ClassOption } from "@/lib/classes/types";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";

/**
 * "Class": which of the instructor's classes the lists, counts and exports show. A form, so it works
 * before any script loads ("Show class"); with scripts, choosing is enough. The action's cookie makes
Next.js render the page again by itself (it does so for any cookie a server action sets).
 */
export function ClassPicker({ classes, selected }: { classes: ClassOption[]; selected: string | null }) {
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [state, action] = useActionState<ChooseClassState, FormData>(chooseClassAction, null);
  // "All my classes" is offered with two or more; with one, that one is all of them.
  const shown = selected ?? (classes.length === 1 ? classes[0]!.id : "all");
  return (
    <form ref={form} action={action} className="flex flex-wrap items-end gap-2">
      <div className="flex flex-col gap-1">
        <label htmlFor={id} className="text-sm font-semibold">
          Class
        </label>
        <select
          id={id}
          name="classId"
          key={shown}
          defaultValue={shown}
          onChange={() => form.current?.requestSubmit()}
          className="min-h-10 rounded-md border border-line bg-surface px-3 text-ink"
        >
          {classes.length > 1 ? <option value="all">All my classes</option> : null}
          {classes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <SubmitButton variant="secondary" pendingText="Showing…">
        Show class
      </SubmitButton>
      {state?.ok === false ? (
        <div role="alert" className="basis-full">
          <Notice tone="danger">{state.message}</Notice>
        </div>
      ) : null}
    </form>
  );
}
