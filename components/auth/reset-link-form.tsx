"use client";

import { useKeptForm } from "@/hooks/use-kept-form";
import { createResetLinkAction, type ResetLinkState } from "@/app/instructor/password-reset/actions";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { CopyButton } from "@/components/lesson/copy-button";

export function ResetLinkForm() {
  const { state, formAction, onSubmit, isPending, formRef } = useKeptForm<ResetLinkState>(createResetLinkAction, null);
  const failure = state?.ok === false ? state : null;
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <TextField name="email" label="Student's email" type="email" autoComplete="off" error={failure?.fieldErrors?.email} required />
      <SubmitButton pending={isPending} pendingText="Creating…" className="self-start">
        Create reset link
      </SubmitButton>
      <div aria-live="polite" role="status">
        {failure && !failure.fieldErrors ? <Notice tone="danger">{failure.message}</Notice> : null}
        {state?.ok ? (
          <Notice tone="success" title={`Reset link for ${state.value.email}`}>
            <p>
              Give it to the student directly (not by a shared channel): it works once, for 24 hours, ends every session of the account, and
              stops working if the password changes another way first.
            </p>
            <p className="mt-2 font-mono text-xs break-all" data-testid="reset-link">
              {state.value.link}
            </p>
            <div className="mt-2">
              <CopyButton text={state.value.link} label="Copy link" />
            </div>
          </Notice>
        ) : null}
      </div>
    </form>
  );
}
