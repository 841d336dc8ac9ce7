"use client";

import { useState } from "react";
import { setScorePolicyAction, type ScorePolicyState } from "@/app/instructor/lms/actions";
import { SelectField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useKeptForm } from "@/hooks/use-kept-form";
import type { QuizLink } from "@/lib/lti/types";

const LABELS = { BEST: "Best attempt", LATEST: "Latest attempt" } as const;

/** "Score sent for <link>": a select and Save (a plain form: it works without JavaScript too). */
export function ScorePolicyForm({ link }: { link: QuizLink }) {
  const { state, formAction, onSubmit, isPending, formRef } = useKeptForm<ScorePolicyState>(setScorePolicyAction, null);
  const [policy, setPolicy] = useState<QuizLink["scorePolicy"]>(link.scorePolicy);
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className="mt-3 flex flex-wrap items-end gap-3">
      <input type="hidden" name="linkId" value={link.id} />
      <SelectField
        id={`policy-${link.id}`}
        name="policy"
        label={`Score sent for ${link.title}`}
        value={policy}
        onValueChange={setPolicy}
        options={(["BEST", "LATEST"] as const).map((value) => ({ value, label: LABELS[value] }))}
      />
      <SubmitButton variant="secondary" pending={isPending} pendingText="Saving…" ariaLabel={`Save score sent for ${link.title}`}>
        Save
      </SubmitButton>
      <div role="status" aria-live="polite" className="basis-full text-sm">
        {state?.ok ? <p>Saved: the {LABELS[state.value.policy].toLowerCase()} goes to the gradebook from now on.</p> : null}
        {state?.ok === false ? <Notice tone="danger">{state.message}</Notice> : null}
      </div>
    </form>
  );
}
