"use client";

import { useActionState, useEffect, useRef, useState, startTransition, type FormEvent } from "react";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Notice } from "@/components/ui/notice";
import type { FormState } from "@/lib/action-result";

export type CredentialsField = {
  name: string;
  label: string;
  type: "text" | "email" | "password";
  autoComplete: string;
  hint?: string;
  /** a line under the box, read with it (what to do about a forgotten password) */
  note?: string;
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
  /**
   * A second action run with the same values once the first succeeds (sign-up, then sign-in).
   * Without JavaScript the form stops after the first, and `successMessage` says what to do next.
   */
  followWith?: { action: (state: FormState, formData: FormData) => Promise<FormState>; pendingMessage: string };
};

const skip = async (): Promise<FormState> => null;

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
  followWith,
}: Props) {
  const [firstState, formAction, isSubmitting] = useActionState(action, null);
  const [followState, followAction, isFollowing] = useActionState(followWith?.action ?? skip, null);
  const formRef = useRef<HTMLFormElement>(null);
  const submitted = useRef<FormData | null>(null);
  // Once the follow-up runs for the latest submit, its outcome is the form's.
  const [followedFor, setFollowedFor] = useState<FormState>(null);
  const isFollowingUp = Boolean(followWith && firstState?.ok && followedFor === firstState);
  const state = isFollowingUp ? (isFollowing ? null : followState) : firstState;

  useEffect(() => {
    if (!followWith || !firstState?.ok || !submitted.current) return;
    const data = submitted.current;
    submitted.current = null;
    setFollowedFor(firstState);
    startTransition(() => followAction(data));
  }, [firstState, followWith, followAction]);

  useEffect(() => {
    if (state?.ok && resetOnSuccess) formRef.current?.reset();
    if (state?.ok !== false) return;
    const firstInvalid = formRef.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]');
    firstInvalid?.focus();
  }, [state, resetOnSuccess]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    submitted.current = data;
    startTransition(() => formAction(data));
  }

  const failure = state?.ok === false ? state : null;
  const message = failure
    ? failure.fieldErrors && Object.keys(failure.fieldErrors).length
      ? undefined
      : failure.message
    : isFollowingUp && (isFollowing || !followState)
      ? followWith?.pendingMessage
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
          describedBy={field.note ? [`field-${field.name}-note`] : undefined}
          after={
            field.note ? (
              <p id={`field-${field.name}-note`} className="text-sm text-ink-muted">
                {field.note}
              </p>
            ) : null
          }
          defaultValue={field.defaultValue}
          error={failure?.fieldErrors?.[field.name]}
          required
        />
      ))}
      <SubmitButton pending={isSubmitting || isFollowing} pendingText={pendingLabel} className="w-full">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
