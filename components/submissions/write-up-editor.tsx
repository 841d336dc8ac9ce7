"use client";

import Link from "next/link";
import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { loadWriteUpAction, saveWriteUpDraftAction, submitWriteUpAction } from "@/app/lessons/[slug]/lab/actions";
import { Notice } from "@/components/ui/notice";
import { StateBadge } from "@/components/submissions/state-badge";
import { ReviewSummary } from "@/components/submissions/review-summary";
import { ExemplarList } from "@/components/submissions/exemplar-view";
import { RubricGuide } from "@/components/submissions/rubric-guide";
import { SubmitPanel } from "@/components/submissions/submit-panel";
import { ClassChoice } from "@/components/submissions/class-choice";
import { WriteUpFields, type UpdateWriteUp } from "@/components/submissions/write-up-fields";
import { SubmittedConfirmation } from "@/components/submissions/submitted-confirmation";
import { WriteUpSaveBar, WriteUpSaveNotices } from "@/components/submissions/write-up-save-status";
import { callAction } from "@/hooks/use-action";
import { usePageRefresh } from "@/hooks/use-page-refresh";
import { useAutosave } from "@/hooks/use-autosave";
import { draftBackupStore, useDraftBackup } from "@/hooks/use-draft-backup";
import type { DecidedReview, EvidenceRunOption } from "@/lib/submissions/types";
import type { GradeBand, RubricCriterion } from "@/lib/submissions/scoring";
import type { Exemplar } from "@/lib/submissions/exemplars";
import { recheckMissing, type Missing } from "@/lib/submissions/completeness";
import type { Autosaver } from "@/lib/submissions/autosave";
import type { SubmissionState, WriteUp } from "@/lib/submissions/schemas";
import type { ClassOption } from "@/lib/classes/types";

const EDITABLE: SubmissionState[] = ["DRAFT", "RETURNED"];
const backupKey = (userId: string, lesson: string) => `lesson-lab:write-up:${userId}:${lesson}`;

type Props = {
  lesson: string;
  userId: string;
  submissionId: string | null;
  state: SubmissionState;
  draft: WriteUp;
  revision: number;
  savedAt: string | null;
  review: DecidedReview | null;
  rubric: RubricCriterion[];
  gradeBands: GradeBand[];
  /** the exemplar write-ups: sent only once the student has submitted */
  exemplars: Exemplar[] | null;
  evidenceRuns: EvidenceRunOption[];
  /** the reader's classes, and the class a submitted write-up went to */
  classes: ClassOption[];
  submittedTo: ClassOption | null;
  /** the run open above, offered as the evidence when it qualifies */
  openRunId: string | null;
  timeZone: string;
};

const noSubscription = () => () => {};

/** True once hydrated: end-to-end tests wait for it before they type (typing before React took over the form would be lost). */
const useIsHydrated = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

/** The last refused submit's list as it stands now (null: no submit was refused for it). */
function stillMissingOf(flagged: Missing[] | null, draft: WriteUp, evidenceRuns: EvidenceRunOption[]): Missing[] | null {
  if (!flagged) return null;
  return recheckMissing(flagged, draft, evidenceRuns.find((r) => r.runId === draft.runId)?.cells ?? null);
}

export function WriteUpEditor(props: Props) {
  const [state, setState] = useState<SubmissionState>(props.state);
  const isHydrated = useIsHydrated();
  const editable = EDITABLE.includes(state);
  const store = useMemo(() => draftBackupStore<WriteUp>(backupKey(props.userId, props.lesson)), [props.userId, props.lesson]);
  const autosave = useAutosave<WriteUp>({
    initial: props.draft,
    savedAt: props.savedAt,
    revision: props.revision,
    save: (draft, revision) => saveWriteUpDraftAction({ revision, draft }),
    onSaved: (_draft, upToDate) => {
      if (upToDate) store.clear();
    },
    holdOn: ["CONFLICT", "LOCKED"],
    noResponseMessage: "Not saved yet: the server did not answer. What you typed is kept in this browser and saved when it answers.",
    onLeave: "flush",
  });
  const { edit, saver } = autosave;
  // Every change is kept in this browser at once, and saved to the server once typing pauses.
  const update: UpdateWriteUp = useCallback(
    (change) => {
      edit(change);
      store.keep(saver.latest(), saver.revision() ?? 0);
    },
    [edit, saver, store],
  );
  const restoredNote = useDraftBackup<WriteUp>({
    key: backupKey(props.userId, props.lesson),
    serverDraft: props.draft,
    revision: props.revision,
    editable: EDITABLE.includes(props.state),
    restore: useCallback((draft: WriteUp) => update(() => draft), [update]),
  });
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const submit = useSubmit(saver, store.clear, (submitted) => {
    setState("SUBMITTED");
    setReceipt({ ...submitted, at: new Date().toISOString() });
  });
  const stillMissing = stillMissingOf(submit.missing, autosave.value, props.evidenceRuns);

  async function loadSaved(keepMine: boolean) {
    const result = await callAction(() => loadWriteUpAction());
    if (!result.ok) return saver.showFailure(result);
    setState(result.value.state);
    if (keepMine) {
      // Deliberately overwrite the other copy with this one.
      void saver.rebase(result.value.draft, { revision: result.value.revision });
    } else {
      autosave.reset(result.value.draft, { savedAt: result.value.savedAt, revision: result.value.revision });
      store.clear();
    }
  }

  return (
    <section id="write-up" aria-labelledby="write-up-title" className="scroll-mt-6" data-hydrated={isHydrated || undefined}>
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="write-up-title" className="text-2xl font-semibold tracking-tight">
          Write-up
        </h2>
        <StateBadge state={state} />
      </div>
      <p className="mt-1 max-w-3xl text-ink-muted">
        The lesson asks for load time, response speed, memory pressure, answer quality and one surprising failure; what the text-only model
        cannot know; and a one-paragraph recommendation. The numbers come from the run you pick; your draft is saved as you type.
      </p>
      <RubricGuide rubric={{ criteria: props.rubric, gradeBands: props.gradeBands }} className="mt-4 max-w-3xl" />

      <WriteUpSaveNotices status={autosave.status} restoredNote={restoredNote} onLoadSaved={(keepMine) => void loadSaved(keepMine)} />
      <StateNotices
        state={state}
        review={props.review}
        rubric={props.rubric}
        gradeBands={props.gradeBands}
        timeZone={props.timeZone}
        submissionId={props.submissionId}
      />
      {props.exemplars && state !== "DRAFT" ? (
        <ExemplarList
          exemplars={props.exemplars}
          rubric={{ criteria: props.rubric, gradeBands: props.gradeBands }}
          className="mt-6 max-w-3xl"
        />
      ) : null}

      <WriteUpFields
        draft={autosave.value}
        update={update}
        errorOf={(field) => stillMissing?.find((m) => m.field === field)?.message}
        editable={editable}
        evidenceRuns={props.evidenceRuns}
        openRunId={props.openRunId}
        timeZone={props.timeZone}
      />

      {editable ? (
        <SubmitPanel
          classChoice={<ClassChoice classes={props.classes} submittedTo={props.submittedTo} {...submit.classChoice} />}
          cannotSubmit={!props.submittedTo && props.classes.length === 0}
          missing={stillMissing}
          message={submit.message}
          isSubmitting={submit.isSubmitting}
          onSubmit={() => void submit.run()}
          missingRef={submit.missingRef}
        />
      ) : null}
      {!editable && receipt ? (
        <SubmittedConfirmation submissionId={receipt.submissionId} version={receipt.version} at={receipt.at} timeZone={props.timeZone} />
      ) : null}
      {editable ? (
        <WriteUpSaveBar status={autosave.status} editable={editable} timeZone={props.timeZone} onRetry={() => void saver.flush()} />
      ) : null}
    </section>
  );
}

type Receipt = { submissionId: string; version: number; at: string };

/** Submitting: save what is unsaved first, then submit that revision; what is missing comes back keyed by field. */
function useSubmit(
  saver: Autosaver<WriteUp>,
  clearBackup: () => void,
  onSubmitted: (submitted: { submissionId: string; version: number }) => void,
) {
  const refresh = usePageRefresh();
  const [missing, setMissing] = useState<Missing[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [classId, setClassId] = useState("");
  const [classError, setClassError] = useState<string | null>(null);
  const classRef = useRef<HTMLSelectElement>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  const missingRef = useRef<HTMLDivElement>(null);

  async function run() {
    setMessage(null);
    setMissing(null);
    setClassError(null);
    setSubmitting(true);
    try {
      await saver.flush();
      if (!saver.isSaved()) {
        setMessage("Your latest changes are not saved yet, so nothing was submitted. Check the save status below and try again.");
        return;
      }
      const result = await callAction(() => submitWriteUpAction({ revision: saver.revision(), ...(classId ? { classId } : {}) }));
      if (result.ok) {
        onSubmitted(result.value);
        clearBackup();
        refresh();
        return;
      }
      if (result.code === "INCOMPLETE" && result.fieldErrors) {
        setMissing(Object.entries(result.fieldErrors).map(([field, messages]) => ({ field, message: messages?.[0] ?? "" })));
        requestAnimationFrame(() => missingRef.current?.focus());
        return;
      }
      if (result.code === "CLASS_REQUIRED" && classRef.current) {
        setClassError(result.message);
        classRef.current.focus();
        return;
      }
      setMessage(
        result.code === "NO_RESPONSE"
          ? "The server did not answer, so nothing was submitted. Your write-up is kept; try again in a moment."
          : result.message,
      );
    } finally {
      setSubmitting(false);
    }
  }

  const onClassChange = (id: string) => {
    setClassId(id);
    setClassError(null);
  };
  return {
    missing,
    message,
    isSubmitting,
    missingRef,
    run,
    classChoice: { value: classId, onChange: onClassChange, error: classError, selectRef: classRef },
  };
}

/** What the state of the write-up means for the student: returned with a review, or read-only. */
function StateNotices({
  state,
  review,
  rubric,
  gradeBands,
  timeZone,
  submissionId,
}: Pick<Props, "review" | "rubric" | "gradeBands" | "timeZone" | "submissionId"> & { state: SubmissionState }) {
  return (
    <>
      {state === "RETURNED" && review ? (
        <div className="mt-4">
          <Notice tone="warning" title="Returned for revision">
            <p>Revise the write-up below and submit it again. Your earlier version stays readable in My submissions.</p>
          </Notice>
          <ReviewSummary review={review} rubric={rubric} gradeBands={gradeBands} timeZone={timeZone} className="mt-3" />
        </div>
      ) : null}
      {!EDITABLE.includes(state) ? (
        <Notice tone="success" className="mt-4" title={state === "COMPLETED" ? "Reviewed" : "Submitted for review"}>
          <p>
            {state === "COMPLETED"
              ? "Your instructor completed the review."
              : "It is read-only until your instructor returns it. The run it is about was copied with it, so nothing you do in the lab changes what was submitted."}{" "}
            {submissionId ? <Link href={`/submissions/${submissionId}`}>See it in My submissions</Link> : null}
          </p>
        </Notice>
      ) : null}
    </>
  );
}
