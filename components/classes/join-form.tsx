"use client";

import Link from "next/link";
import { useKeptForm } from "@/hooks/use-kept-form";
import { joinClassAction, type JoinClassState } from "@/app/join/actions";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";

/** "Class code" and "Join class"; a join link opens this with the code filled in. */
export function JoinForm({ code }: { code: string }) {
  const { state, formAction, onSubmit, isPending, formRef } = useKeptForm<JoinClassState>(joinClassAction, null);
  const failure = state?.ok === false ? state : null;
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <TextField
        name="code"
        label="Class code"
        hint="Eight letters and digits from your instructor, like K7MX-HQ3D."
        defaultValue={code}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={40}
        error={failure?.fieldErrors?.code}
        controlClassName="font-mono tracking-wider uppercase"
        required
      />
      <SubmitButton pending={isPending} pendingText="Joining…" className="self-start">
        Join class
      </SubmitButton>
      <div aria-live="polite" role="status">
        {failure && !failure.fieldErrors ? <Notice tone="danger">{failure.message}</Notice> : null}
        {state?.ok ? (
          <Notice
            tone="success"
            title={state.value.alreadyMember ? `You are already in “${state.value.name}”` : `You joined “${state.value.name}”`}
          >
            Your instructors there see your progress and your lab work. <Link href="/">Go to the lessons</Link>
          </Notice>
        ) : null}
      </div>
    </form>
  );
}
