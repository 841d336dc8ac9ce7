"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent, type RefObject } from "react";

export type KeptForm<S> = {
  state: S;
  /** for the form's `action`: the path without JavaScript */
  formAction: (data: FormData) => void;
  /** for the form's `onSubmit`: the same action, without React's reset of the fields */
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  isPending: boolean;
  formRef: RefObject<HTMLFormElement | null>;
};

/**
 * A form whose server action never empties what the person typed. React resets a form's fields
 * after its `action` runs; a refused address would vanish with the message saying what is wrong
 * with it, and a field typed while the last submit was in flight would be wiped by its answer.
 * Submitting from `onSubmit` in a transition keeps the fields; `action` stays for browsers
 * without JavaScript. On a failure the first invalid field takes the focus; on a success the form
 * is cleared only when `resetOnSuccess` says so.
 */
export function useKeptForm<S extends { ok: boolean } | null>(
  action: (state: Awaited<S>, data: FormData) => S | Promise<S>,
  initial: Awaited<S>,
  { resetOnSuccess = false }: { resetOnSuccess?: boolean } = {},
): KeptForm<Awaited<S>> {
  const [state, formAction, isPending] = useActionState<S, FormData>(action, initial);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (state?.ok && resetOnSuccess) formRef.current?.reset();
    if (state?.ok !== false) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state, resetOnSuccess]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) return;
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  }

  return { state, formAction, onSubmit, isPending, formRef };
}
