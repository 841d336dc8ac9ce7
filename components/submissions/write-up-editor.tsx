"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { loadWriteUpAction, saveWriteUpDraftAction, submitWriteUpAction } from "@/app/lessons/[slug]/lab/actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { EvidenceTable } from "@/components/submissions/evidence-table";
import { StateBadge } from "@/components/submissions/state-badge";
import { ReviewSummary } from "@/components/submissions/review-summary";
import type { EvidenceRunOption } from "@/lib/submissions/types";
import type { DecidedReview } from "@/lib/submissions/types";
import type { RubricCriterion } from "@/lib/submissions/scoring";
import { cellLabel, countWords, fieldIdOf, type Missing } from "@/lib/submissions/completeness";
import {
  RECOMMENDATION_LABELS,
  RECOMMENDATIONS,
  WRITE_UP_LIMITS,
  type CellRating,
  type Recommendation,
  type SubmissionState,
  type WriteUp,
} from "@/lib/submissions/schemas";
import { formatDateTime } from "@/lib/format";
import { cn } from "@/lib/utils/cn";

const SAVE_DELAY_MS = 800;
const EDITABLE: SubmissionState[] = ["DRAFT", "RETURNED"];
const inputClasses = "rounded-lg border border-line-strong bg-surface px-3 py-2 text-sm aria-invalid:border-danger";

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
  evidenceRuns: EvidenceRunOption[];
  /** the run open above, offered as the evidence when it qualifies */
  openRunId: string | null;
  timeZone: string;
};

type SaveStatus =
  | { kind: "saved"; at: string | null }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "offline"; message: string }
  | { kind: "conflict"; message: string }
  | { kind: "locked"; message: string };

/** The browser's copy of what was typed, so a lost connection or a closed tab loses nothing. */
type Backup = { revision: number; draft: WriteUp; at: string };
const backupKey = (userId: string, lesson: string) => `lesson-lab:write-up:${userId}:${lesson}`;

function readBackup(key: string): Backup | null {
  try {
    const value = JSON.parse(window.localStorage.getItem(key) ?? "null") as Backup | null;
    return value && typeof value.revision === "number" && value.draft ? value : null;
  } catch {
    return null;
  }
}

function writeBackup(key: string, backup: Backup | null): void {
  try {
    if (backup) window.localStorage.setItem(key, JSON.stringify(backup));
    else window.localStorage.removeItem(key);
  } catch {
    // Storage blocked or full: the server copy still saves.
  }
}

const same = (a: WriteUp, b: WriteUp) => JSON.stringify(a) === JSON.stringify(b);

function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: ReactNode; error?: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-ink-muted">
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}

const describedBy = (id: string, hint: boolean, error?: string) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

export function WriteUpEditor(props: Props) {
  const router = useRouter();
  const key = backupKey(props.userId, props.lesson);
  const [draft, setDraft] = useState<WriteUp>(props.draft);
  const [state, setState] = useState<SubmissionState>(props.state);
  const [status, setStatus] = useState<SaveStatus>({ kind: "saved", at: props.savedAt });
  const [missing, setMissing] = useState<Missing[]>([]);
  const [submitMessage, setSubmitMessage] = useState<string | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  const [restoredNote, setRestoredNote] = useState<string | null>(null);
  const revision = useRef(props.revision);
  const saved = useRef<WriteUp>(props.draft);
  const latest = useRef<WriteUp>(props.draft);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const missingRef = useRef<HTMLDivElement>(null);
  const editable = EDITABLE.includes(state);
  const idPrefix = useId();

  const save = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    // One save at a time: the next one starts from the revision the last one got.
    if (inFlight.current) await inFlight.current;
    const toSave = latest.current;
    if (same(toSave, saved.current)) {
      setStatus((s) => (s.kind === "pending" ? { kind: "saved", at: null } : s));
      return;
    }
    setStatus({ kind: "saving" });
    const run = (async () => {
      try {
        const result = await saveWriteUpDraftAction({ revision: revision.current, draft: toSave });
        if (result.ok) {
          revision.current = result.value.revision;
          saved.current = toSave;
          if (same(latest.current, toSave)) writeBackup(key, null);
          setStatus({ kind: "saved", at: result.value.savedAt });
        } else if (result.code === "CONFLICT") {
          setStatus({ kind: "conflict", message: result.message });
        } else if (result.code === "LOCKED") {
          setStatus({ kind: "locked", message: result.message });
        } else {
          setStatus({ kind: "offline", message: result.message });
        }
      } catch {
        setStatus({
          kind: "offline",
          message: "Not saved yet: the server did not answer. What you typed is kept in this browser and saved when it answers.",
        });
      }
    })();
    inFlight.current = run;
    await run;
    inFlight.current = null;
  }, [key]);

  const update = useCallback(
    (change: (current: WriteUp) => WriteUp) => {
      setDraft((current) => {
        const next = change(current);
        latest.current = next;
        writeBackup(key, { revision: revision.current, draft: next, at: new Date().toISOString() });
        return next;
      });
      setStatus((s) => (s.kind === "conflict" || s.kind === "locked" ? s : { kind: "pending" }));
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
    },
    [key, save],
  );

  // Unsaved text from an earlier visit in this browser (a closed tab, a lost connection) comes back.
  useEffect(() => {
    const backup = readBackup(key);
    if (!backup || !EDITABLE.includes(props.state) || same(backup.draft, props.draft)) {
      if (backup && same(backup.draft, props.draft)) writeBackup(key, null);
      return;
    }
    if (backup.revision === props.revision) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- restoring what this browser kept is a one-off on mount
      setRestoredNote("Restored what you typed here last time but had not been saved yet.");
      update(() => backup.draft);
    } else {
      setRestoredNote("This browser kept an older unsaved copy, but the write-up was saved elsewhere since. The saved version is shown.");
      writeBackup(key, null);
    }
  }, [key, props.draft, props.revision, props.state, update]);

  // Leaving or hiding the page saves at once; the browser copy covers the case where it cannot.
  useEffect(() => {
    const flush = () => {
      if (document.visibilityState === "hidden" && !same(latest.current, saved.current)) void save();
    };
    const online = () => {
      if (!same(latest.current, saved.current)) void save();
    };
    document.addEventListener("visibilitychange", flush);
    window.addEventListener("online", online);
    return () => {
      document.removeEventListener("visibilitychange", flush);
      window.removeEventListener("online", online);
    };
  }, [save]);

  async function loadSaved(keepMine: boolean) {
    const result = await loadWriteUpAction();
    if (!result.ok) return setStatus({ kind: "offline", message: result.message });
    revision.current = result.value.revision;
    setState(result.value.state);
    if (keepMine) {
      // Deliberately overwrite the other copy with this one.
      saved.current = result.value.draft;
      setStatus({ kind: "pending" });
      void save();
    } else {
      saved.current = result.value.draft;
      latest.current = result.value.draft;
      setDraft(result.value.draft);
      writeBackup(key, null);
      setStatus({ kind: "saved", at: result.value.savedAt });
    }
  }

  async function submit() {
    setSubmitMessage(null);
    setMissing([]);
    setSubmitting(true);
    try {
      await save();
      if (!same(latest.current, saved.current)) {
        setSubmitMessage("Your latest changes are not saved yet, so nothing was submitted. Check the message above and try again.");
        return;
      }
      const result = await submitWriteUpAction({ revision: revision.current });
      if (result.ok) {
        setState("SUBMITTED");
        writeBackup(key, null);
        router.refresh();
        return;
      }
      if (result.code === "INCOMPLETE" && result.fieldErrors) {
        setMissing(Object.entries(result.fieldErrors).map(([field, messages]) => ({ field, message: messages?.[0] ?? "" })));
        setSubmitMessage(result.message);
        requestAnimationFrame(() => missingRef.current?.focus());
        return;
      }
      setSubmitMessage(result.message);
    } catch {
      setSubmitMessage("The server did not answer, so nothing was submitted. Your write-up is kept; try again in a moment.");
    } finally {
      setSubmitting(false);
    }
  }

  const run = props.evidenceRuns.find((r) => r.runId === draft.runId) ?? null;
  const modelCells = run?.cells.filter((c) => c.column !== "OCR") ?? [];
  const errorOf = (field: string) => missing.find((m) => m.field === field)?.message;
  const setRating = (cellKey: string, change: Partial<CellRating>) =>
    update((d) => ({ ...d, ratings: { ...d.ratings, [cellKey]: { rating: null, note: "", ...d.ratings[cellKey], ...change } } }));
  const words = countWords(draft.recommendation.paragraph);
  const openRunQualifies =
    props.openRunId && props.openRunId !== draft.runId && props.evidenceRuns.some((r) => r.runId === props.openRunId);

  const focusField = (field: string) => {
    const target = document.getElementById(field);
    const focusable = target?.matches("input, select, textarea") ? target : target?.querySelector<HTMLElement>("input, select, textarea");
    target?.scrollIntoView({ block: "center" });
    (focusable ?? target)?.focus();
  };

  return (
    <section id="write-up" aria-labelledby="write-up-title" className="scroll-mt-6">
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

      <p aria-live="polite" className="mt-3 min-h-6 text-sm" data-testid="save-status">
        {status.kind === "saved" && status.at ? `Saved at ${formatDateTime(status.at, props.timeZone)}` : null}
        {status.kind === "saved" && !status.at && editable ? "Nothing to save yet." : null}
        {status.kind === "pending" ? "Unsaved changes…" : null}
        {status.kind === "saving" ? "Saving…" : null}
      </p>
      {status.kind === "offline" ? (
        <Notice tone="warning" className="mt-2">
          {status.message}{" "}
          <button type="button" className="font-semibold underline" onClick={() => void save()}>
            Try again
          </button>
        </Notice>
      ) : null}
      {status.kind === "conflict" ? (
        <Notice tone="warning" className="mt-2" title="Saved elsewhere">
          <p>{status.message} Nothing was overwritten.</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => void loadSaved(false)}>
              Load the saved version
            </Button>
            <Button variant="secondary" onClick={() => void loadSaved(true)}>
              Keep this one and save it
            </Button>
          </div>
        </Notice>
      ) : null}
      {status.kind === "locked" ? (
        <Notice tone="info" className="mt-2">
          {status.message}
        </Notice>
      ) : null}
      {restoredNote ? (
        <Notice tone="info" className="mt-2">
          {restoredNote}
        </Notice>
      ) : null}

      {state === "RETURNED" && props.review ? (
        <div className="mt-4">
          <Notice tone="warning" title="Returned for revision">
            <p>Revise the write-up below and submit it again. Your earlier version stays readable in My submissions.</p>
          </Notice>
          <ReviewSummary review={props.review} rubric={props.rubric} timeZone={props.timeZone} className="mt-3" />
        </div>
      ) : null}
      {!editable ? (
        <Notice tone="success" className="mt-4" title={state === "COMPLETED" ? "Reviewed" : "Submitted for review"}>
          <p>
            {state === "COMPLETED"
              ? "Your instructor completed the review."
              : "It is read-only until your instructor returns it. The run it is about was copied with it, so nothing you do in the lab changes what was submitted."}{" "}
            {props.submissionId ? <Link href={`/submissions/${props.submissionId}`}>See it in My submissions</Link> : null}
          </p>
        </Notice>
      ) : null}

      <fieldset disabled={!editable} className="mt-6 flex min-w-0 flex-col gap-8">
        <legend className="sr-only">Your write-up</legend>
        <div className="flex flex-col gap-3">
          <Field
            id={fieldIdOf.run}
            label="Run this write-up is about"
            hint="A finished run in which both models answered all three prompts. Its numbers are filled in below."
            error={errorOf(fieldIdOf.run)}
          >
            <select
              id={fieldIdOf.run}
              value={draft.runId ?? ""}
              onChange={(e) => update((d) => ({ ...d, runId: e.target.value || null }))}
              aria-describedby={describedBy(fieldIdOf.run, true, errorOf(fieldIdOf.run))}
              aria-invalid={errorOf(fieldIdOf.run) ? true : undefined}
              className={cn(inputClasses, "min-h-11")}
            >
              <option value="">{props.evidenceRuns.length ? "Choose a run" : "No finished run with both models yet"}</option>
              {props.evidenceRuns.map((r) => (
                <option key={r.runId} value={r.runId}>
                  {formatDateTime(r.createdAt, props.timeZone)}: {r.sampleId ?? "your screenshot"} · {r.textModel} vs {r.visionModel}
                </option>
              ))}
            </select>
          </Field>
          {openRunQualifies && editable ? (
            <Button variant="secondary" className="self-start" onClick={() => update((d) => ({ ...d, runId: props.openRunId }))}>
              Use the run shown above
            </Button>
          ) : null}
          {!props.evidenceRuns.length ? (
            <p className="text-sm text-ink-muted">
              Run a screenshot through a text-only and a vision model above; once both answer all three prompts, the run can be chosen here.
            </p>
          ) : null}
          {run ? <EvidenceTable cells={run.cells} /> : null}
        </div>

        {run ? (
          <div className="flex flex-col gap-4">
            <h3 className="text-lg font-semibold">Rate each answer</h3>
            <div className="grid gap-4 lg:grid-cols-2">
              {modelCells.map((cell) => {
                const rating = draft.ratings[cell.key];
                const groupId = fieldIdOf.rating(cell.key);
                const label = `Rating: ${cellLabel(cell)}`;
                const error = errorOf(groupId);
                return (
                  <div key={cell.key} className="flex min-w-0 flex-col gap-3 rounded-xl border border-line bg-surface p-4">
                    <details className="text-sm">
                      <summary className="cursor-pointer font-medium">
                        {cell.column === "TEXT" ? "Text-only" : "Vision"} answer: {cellLabel(cell)}
                      </summary>
                      {/* Model output is untrusted text: shown as text only. */}
                      <pre tabIndex={0} className="mt-2 max-h-48 overflow-auto rounded bg-sunken p-2 font-sans text-xs whitespace-pre-wrap">
                        {cell.output || "(no text)"}
                      </pre>
                    </details>
                    <div
                      id={groupId}
                      role="radiogroup"
                      aria-labelledby={`${idPrefix}-${cell.key}-label`}
                      aria-describedby={error ? `${groupId}-error` : undefined}
                      aria-invalid={error ? true : undefined}
                    >
                      <p id={`${idPrefix}-${cell.key}-label`} className="text-sm font-semibold">
                        {label}
                      </p>
                      <div className="mt-1 flex flex-wrap gap-1">
                        {[1, 2, 3, 4, 5].map((n) => (
                          <label
                            key={n}
                            className="relative flex min-h-11 min-w-11 cursor-pointer items-center justify-center rounded-lg border border-line-strong px-2 text-sm has-checked:border-accent has-checked:bg-accent-soft has-checked:font-semibold has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-focus"
                          >
                            <input
                              type="radio"
                              name={`${idPrefix}-rating-${cell.key}`}
                              value={n}
                              checked={rating?.rating === n}
                              onChange={() => setRating(cell.key, { rating: n })}
                              className="absolute inset-0 cursor-pointer opacity-0"
                            />
                            {n}
                          </label>
                        ))}
                      </div>
                      <p className="mt-1 text-xs text-ink-muted">1: wrong or useless · 3: partly right · 5: right and complete</p>
                      {error ? (
                        <p id={`${groupId}-error`} className="mt-1 text-sm font-medium text-danger">
                          {error}
                        </p>
                      ) : null}
                    </div>
                    <div className="flex flex-col gap-1">
                      <label htmlFor={`${groupId}-note`} className="text-sm font-semibold">
                        Note: {cellLabel(cell)} <span className="font-normal text-ink-muted">(optional)</span>
                      </label>
                      <textarea
                        id={`${groupId}-note`}
                        rows={2}
                        maxLength={WRITE_UP_LIMITS.note}
                        value={rating?.note ?? ""}
                        onChange={(e) => setRating(cell.key, { note: e.target.value })}
                        className={inputClasses}
                      />
                    </div>
                    {cell.column === "VISION" ? (
                      <label className="flex items-center gap-2 text-sm">
                        <input
                          type="checkbox"
                          checked={rating?.guessedHiddenState ?? false}
                          onChange={(e) => setRating(cell.key, { guessedHiddenState: e.target.checked })}
                          className="size-4 accent-accent"
                        />
                        Guessed hidden state
                      </label>
                    ) : null}
                  </div>
                );
              })}
            </div>
          </div>
        ) : null}

        <Field
          id={fieldIdOf.cannotKnow}
          label="What the text-only model cannot know"
          hint="One point per line: what no prompt could tell a model that never saw the screenshot."
          error={errorOf(fieldIdOf.cannotKnow)}
        >
          <textarea
            id={fieldIdOf.cannotKnow}
            rows={4}
            maxLength={WRITE_UP_LIMITS.cannotKnow}
            value={draft.cannotKnow}
            onChange={(e) => update((d) => ({ ...d, cannotKnow: e.target.value }))}
            aria-describedby={describedBy(fieldIdOf.cannotKnow, true, errorOf(fieldIdOf.cannotKnow))}
            aria-invalid={errorOf(fieldIdOf.cannotKnow) ? true : undefined}
            className={inputClasses}
          />
        </Field>

        <div className="grid gap-4 md:grid-cols-[2fr_1fr]">
          <Field
            id={fieldIdOf.failure}
            label="Surprising failure"
            hint="One thing that went wrong that you did not expect, described precisely."
            error={errorOf(fieldIdOf.failure)}
          >
            <textarea
              id={fieldIdOf.failure}
              rows={4}
              maxLength={WRITE_UP_LIMITS.failure}
              value={draft.failure.text}
              onChange={(e) => update((d) => ({ ...d, failure: { ...d.failure, text: e.target.value } }))}
              aria-describedby={describedBy(fieldIdOf.failure, true, errorOf(fieldIdOf.failure))}
              aria-invalid={errorOf(fieldIdOf.failure) ? true : undefined}
              className={inputClasses}
            />
          </Field>
          <Field id={fieldIdOf.failureCell} label="Where it happened" error={errorOf(fieldIdOf.failureCell)}>
            <select
              id={fieldIdOf.failureCell}
              value={draft.failure.cell ?? ""}
              onChange={(e) =>
                update((d) => ({ ...d, failure: { ...d.failure, cell: (e.target.value || null) as WriteUp["failure"]["cell"] } }))
              }
              aria-describedby={describedBy(fieldIdOf.failureCell, false, errorOf(fieldIdOf.failureCell))}
              aria-invalid={errorOf(fieldIdOf.failureCell) ? true : undefined}
              className={cn(inputClasses, "min-h-11")}
            >
              <option value="">{run ? "Choose an answer" : "Choose a run first"}</option>
              {run?.cells.map((c) => (
                <option key={c.key} value={c.key}>
                  {cellLabel(c)}
                </option>
              ))}
            </select>
          </Field>
        </div>

        <div className="flex flex-col gap-4">
          <div
            id={fieldIdOf.recommendation}
            role="radiogroup"
            aria-labelledby={`${idPrefix}-recommendation`}
            aria-describedby={errorOf(fieldIdOf.recommendation) ? `${fieldIdOf.recommendation}-error` : undefined}
            aria-invalid={errorOf(fieldIdOf.recommendation) ? true : undefined}
          >
            <p id={`${idPrefix}-recommendation`} className="font-semibold">
              Recommendation
            </p>
            <div className="mt-2 flex flex-wrap gap-2">
              {RECOMMENDATIONS.map((choice: Recommendation) => (
                <label
                  key={choice}
                  className="flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border border-line-strong px-3 text-sm has-checked:border-accent has-checked:bg-accent-soft"
                >
                  <input
                    type="radio"
                    name={`${idPrefix}-recommendation`}
                    value={choice}
                    checked={draft.recommendation.choice === choice}
                    onChange={() => update((d) => ({ ...d, recommendation: { ...d.recommendation, choice } }))}
                    className="size-4 accent-accent"
                  />
                  {RECOMMENDATION_LABELS[choice]}
                </label>
              ))}
            </div>
            {errorOf(fieldIdOf.recommendation) ? (
              <p id={`${fieldIdOf.recommendation}-error`} className="mt-1 text-sm font-medium text-danger">
                {errorOf(fieldIdOf.recommendation)}
              </p>
            ) : null}
          </div>
          {draft.recommendation.choice === "narrow" ? (
            <Field
              id={fieldIdOf.narrowJob}
              label="Narrow job"
              hint="The one job you would use it for."
              error={errorOf(fieldIdOf.narrowJob)}
            >
              <input
                id={fieldIdOf.narrowJob}
                maxLength={WRITE_UP_LIMITS.narrowJob}
                value={draft.recommendation.narrowJob}
                onChange={(e) => update((d) => ({ ...d, recommendation: { ...d.recommendation, narrowJob: e.target.value } }))}
                aria-describedby={describedBy(fieldIdOf.narrowJob, true, errorOf(fieldIdOf.narrowJob))}
                aria-invalid={errorOf(fieldIdOf.narrowJob) ? true : undefined}
                className={cn(inputClasses, "min-h-11")}
              />
            </Field>
          ) : null}
          <Field
            id={fieldIdOf.paragraph}
            label="Recommendation paragraph"
            hint={`One paragraph, ${WRITE_UP_LIMITS.minWords} to ${WRITE_UP_LIMITS.maxWords} words: the decision and why, from the evidence above.`}
            error={errorOf(fieldIdOf.paragraph)}
          >
            <textarea
              id={fieldIdOf.paragraph}
              rows={7}
              maxLength={WRITE_UP_LIMITS.paragraph}
              value={draft.recommendation.paragraph}
              onChange={(e) => update((d) => ({ ...d, recommendation: { ...d.recommendation, paragraph: e.target.value } }))}
              aria-describedby={[
                `${fieldIdOf.paragraph}-hint`,
                `${fieldIdOf.paragraph}-count`,
                errorOf(fieldIdOf.paragraph) ? `${fieldIdOf.paragraph}-error` : null,
              ]
                .filter(Boolean)
                .join(" ")}
              aria-invalid={errorOf(fieldIdOf.paragraph) ? true : undefined}
              className={inputClasses}
            />
            <p
              id={`${fieldIdOf.paragraph}-count`}
              aria-live="polite"
              className={cn(
                "text-sm",
                words > 0 && (words < WRITE_UP_LIMITS.minWords || words > WRITE_UP_LIMITS.maxWords) ? "text-warning" : "text-ink-muted",
              )}
              data-testid="word-count"
            >
              {words} {words === 1 ? "word" : "words"} ({WRITE_UP_LIMITS.minWords} to {WRITE_UP_LIMITS.maxWords})
            </p>
          </Field>
        </div>
      </fieldset>

      {editable ? (
        <div className="mt-8 flex flex-col gap-4">
          {missing.length ? (
            <div
              ref={missingRef}
              tabIndex={-1}
              role="alert"
              className="rounded-lg border border-danger/40 bg-danger-soft px-4 py-3 text-sm"
            >
              <p className="font-semibold">{submitMessage}</p>
              <ul className="mt-2 list-disc pl-5">
                {missing.map((m) => (
                  <li key={`${m.field}-${m.message}`}>
                    <a
                      href={`#${m.field}`}
                      onClick={(event) => {
                        event.preventDefault();
                        focusField(m.field);
                      }}
                    >
                      {m.message}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ) : submitMessage ? (
            <div role="alert">
              <Notice tone="danger">{submitMessage}</Notice>
            </div>
          ) : null}
          <Button className="self-start" onClick={() => void submit()} disabled={isSubmitting}>
            {isSubmitting ? "Submitting…" : "Submit for review"}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
