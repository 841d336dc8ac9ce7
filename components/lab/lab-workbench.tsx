"use client";

import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { flushSync } from "react-dom";
import { ChevronDown } from "lucide-react";
import type { OllamaEngine } from "@/lib/ollama/engine";
import type { PromptKind } from "@/lib/lab/prompt-kinds";
import type { SampleTruth } from "@/lib/lab/types";
import type { LabImageView, LabRunSummary, LabRunView, ModelOption, SampleOption } from "@/components/lab/types";
import { formatDateTime } from "@/lib/format";
import { cn } from "@/lib/utils/cn";
import { useLabForm } from "@/hooks/use-lab-form";
import { useLabRunList } from "@/hooks/use-lab-run-list";
import { Button } from "@/components/ui/button";
import { RunResults } from "@/components/lab/run-results";
import { NewRunForm } from "@/components/lab/workbench/new-run-form";
import { RunList } from "@/components/lab/workbench/run-list";

const noSubscription = () => () => {};

type WorkbenchProps = {
  lesson: string;
  userId: string;
  samples: SampleOption[];
  textModels: ModelOption[];
  visionModels: ModelOption[];
  /** the pair the form starts with: the student's last, else the first recommended pair installed */
  defaultModels: { text: string; vision: string };
  ollama: { reachable: boolean; host: string; message: string | null; version: string | null; engine: OllamaEngine | null };
  pullCommands: string[];
  defaultPrompts: Record<PromptKind, string>;
  run: LabRunView | null;
  /** the open run's screenshot, so "Run again" can put it back in the form */
  runImage: LabImageView | null;
  /** the open run's sample ground truth, shown once it has finished */
  truth: SampleTruth | null;
  runs: LabRunSummary[];
  maxUploadMb: number;
  /** instructors, or students who run Ollama themselves (LAB_STUDENTS_RUN_OLLAMA): show commands, not "ask your instructor" */
  showOperatorHelp: boolean;
  /** dates are shown in the platform's zone, the same on the server and in the browser */
  timeZone: string;
};

/**
 * The lab. Without a run in the address: the form, then the earlier runs. With one (?run=<id>, from
 * the home card, the lesson or the run list, and after Run): that run first, its results on the
 * first screen, and the form folded behind "New run".
 */
export function LabWorkbench(props: WorkbenchProps) {
  const form = useLabForm(props);
  const { runs, onRunChange } = useLabRunList(props.runs, props.run);
  const runId = props.run?.id ?? null;
  // The form is unfolded for one run: another run (started, or opened from the list) folds it again.
  const [formOpenFor, setFormOpenFor] = useState<string | null>(null);
  const isFormOpen = runId === null || formOpenFor === runId;

  // A run opened within the page (after Run, from the list, back or forward): focus and sight go to it.
  const runHeading = useRef<HTMLHeadingElement>(null);
  const shownRun = useRef(runId);
  useEffect(() => {
    if (shownRun.current === runId) return;
    shownRun.current = runId;
    if (!runId) return;
    runHeading.current?.scrollIntoView({ block: "start" });
    runHeading.current?.focus({ preventScroll: true });
  }, [runId]);

  // True once hydrated: end-to-end tests wait for it before they change the form (a change made
  // before React took over the page would be lost).
  const isHydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

  const formElement = (
    <NewRunForm
      form={form}
      samples={props.samples}
      textModels={props.textModels}
      visionModels={props.visionModels}
      ollama={props.ollama}
      pullCommands={props.pullCommands}
      showOperatorHelp={props.showOperatorHelp}
      maxUploadMb={props.maxUploadMb}
    />
  );

  return (
    <div className="flex flex-col gap-12" data-hydrated={isHydrated || undefined}>
      {props.run ? (
        <div className="flex flex-col gap-8">
          {/* "#run" (the run list's links) lands here: the run's name, then its results. */}
          <div id="run" className="flex scroll-mt-6 flex-wrap items-center justify-between gap-3">
            <h2 id="run-title" ref={runHeading} tabIndex={-1} className="scroll-mt-6 text-2xl font-semibold tracking-tight">
              Run of {formatDateTime(props.run.createdAt, props.timeZone)}
            </h2>
            <Button
              variant="secondary"
              aria-expanded={isFormOpen}
              aria-controls={isFormOpen ? "new-run" : undefined}
              onClick={() => setFormOpenFor(isFormOpen ? null : props.run!.id)}
            >
              New run
              <ChevronDown aria-hidden="true" className={cn("size-4 motion-safe:transition-transform", isFormOpen && "rotate-180")} />
            </Button>
          </div>
          {isFormOpen ? (
            <div id="new-run" className="flex flex-col gap-12 border-t border-line pt-6 sm:rounded-2xl sm:border sm:p-6">
              {formElement}
            </div>
          ) : null}
          <section aria-labelledby="run-title">
            <RunResults
              key={props.run.id}
              initial={props.run}
              truth={props.truth}
              onChange={onRunChange}
              onRunAgain={(run) => {
                // The form must be on the page before it is refilled, scrolled to and focused.
                flushSync(() => setFormOpenFor(run.id));
                form.runAgain(run);
              }}
              showOperatorHelp={props.showOperatorHelp}
            />
          </section>
        </div>
      ) : (
        formElement
      )}

      <RunList runs={runs} lesson={props.lesson} openRunId={runId} timeZone={props.timeZone} />
    </div>
  );
}
