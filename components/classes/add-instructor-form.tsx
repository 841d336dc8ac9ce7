"use client";

import { useKeptForm } from "@/hooks/use-kept-form";
import { addInstructorAction, type AddInstructorState } from "@/app/instructor/classes/actions";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";

/** "Add instructor": another instructor account teaches the class from now on (a co-teacher, a TA). */
export function AddInstructorForm({ classId, classTitle }: { classId: string; classTitle: string }) {
  const { state, formAction, onSubmit, isPending, formRef } = useKeptForm<AddInstructorState>(addInstructorAction, null, {
    resetOnSuccess: true,
  });
  const failure = state?.ok === false ? state : null;
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-3">
      <input type="hidden" name="classId" value={classId} />
      <div className="flex flex-wrap items-end gap-3">
        <TextField
          id={`add-instructor-${classId}`}
          name="email"
          type="email"
          label="Instructor's email"
          autoComplete="off"
          className="min-w-0 flex-1 basis-64"
          error={failure?.fieldErrors?.email}
          required
        />
        <SubmitButton pending={isPending} variant="secondary" pendingText="Adding…" ariaLabel={`Add instructor to ${classTitle}`}>
          Add instructor
        </SubmitButton>
      </div>
      <div aria-live="polite" role="status">
        {failure && !failure.fieldErrors ? <Notice tone="danger">{failure.message}</Notice> : null}
        {state?.ok ? <Notice tone="success">{state.value.name} teaches this class now.</Notice> : null}
      </div>
    </form>
  );
}
