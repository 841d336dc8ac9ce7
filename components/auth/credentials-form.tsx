"use client";

import { useActionState, useEffect, useRef, startTransition, type FormEvent } from "react";
import { TextField } from "@/components/ui/text-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Notice } from "@/components/ui/notice";
import type { FormState } from "@/lib/action-result";

export type CredentialsField = {
  name: string;
  label: string;
  type: "text" | "email" | "password";
  autoComplete: string;
  hint?: string;
  defaultValue?: string;
};

type Props = {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  fields: CredentialsField[];
  submitLabel: string;
  pendingLabel: string;
  callbackUrl?: string;
  initialMessage?: string;
  /** extra values posted with the form (an invitation token, a reset token) */
  hidden?: Record<string, string>;
  /** said once the action succeeds (forms that do not navigate away) */
  successMessage?: string;
  resetOnSuccess?: boolean;
};

/**
 * Submits through the action without letting React reset the form, so a rejected attempt keeps
 * everything the person typed. Without JavaScript it still posts as a plain form.
 */
export function CredentialsForm({
  action,
  fields,
  submitLabel,
  pendingLabel,
  callbackUrl,
  initialMessage,
  hidden,
  successMessage,
  resetOnSuccess,
}: Props) {
  const [state, formAction] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (state?.ok && resetOnSuccess) formRef.current?.reset();
    if (state?.ok !== false) return;
    const firstInvalid = formRef.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]');
    firstInvalid?.focus();
  }, [state, resetOnSuccess]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  }

  const failure = state?.ok === false ? state : null;
  const message = failure
    ? failure.fieldErrors && Object.keys(failure.fieldErrors).length
      ? undefined
      : failure.message
    : state?.ok && successMessage
      ? successMessage
      : initialMessage;

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div aria-live="polite" role="status">
        {message ? <Notice tone={failure ? "danger" : state?.ok ? "success" : "info"}>{message}</Notice> : null}
      </div>
      {fields.map((field) => (
        <TextField
          key={field.name}
          name={field.name}
          label={field.label}
          type={field.type}
          autoComplete={field.autoComplete}
          hint={field.hint}
          defaultValue={field.defaultValue}
          errors={failure?.fieldErrors?.[field.name]}
          required
        />
      ))}
      <SubmitButton pendingText={pendingLabel} className="w-full">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
