"use client";

import { useKeptForm } from "@/hooks/use-kept-form";
import { createClassAction, type CreateClassState } from "@/app/instructor/classes/actions";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";

/** "Create class": a name, then the class appears in the list with its join code. */
export function CreateClassForm() {
  const { state, formAction, onSubmit, isPending, formRef } = useKeptForm<CreateClassState>(createClassAction, null, {
    resetOnSuccess: true,
  });
  const failure = state?.ok === false ? state : null;
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <TextField
        name="name"
        label="Class name"
        hint="Students see it when they join, for example “Vision models, autumn term”."
        autoComplete="off"
        maxLength={80}
        error={failure?.fieldErrors?.name}
        required
      />
      <SubmitButton pending={isPending} pendingText="Creating…" className="self-start">
        Create class
      </SubmitButton>
      <div aria-live="polite" role="status">
        {failure && !failure.fieldErrors ? <Notice tone="danger">{failure.message}</Notice> : null}
        {state?.ok ? (
          <Notice tone="success" title={`Created “${state.value.name}”`}>
            Its join code and join link are in the list below: give either to your students.
          </Notice>
        ) : null}
      </div>
    </form>
  );
}
