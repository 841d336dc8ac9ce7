"use client";

import { LabLoading } from "@/components/lab/lab-loading";
import { LabWorkbench } from "@/components/lab/lab-workbench";
import { WriteUpEditor } from "@/components/submissions/write-up-editor";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useLabPage } from "@/hooks/use-lab-page";
import { PageRefreshContext } from "@/hooks/use-page-refresh";
import type { PromptKind } from "@/lib/lab/prompt-kinds";
import type { SampleOption } from "@/lib/lab/types";
import type { GradeBand, RubricCriterion } from "@/lib/submissions/scoring";

type Props = {
  lesson: string;
  samples: SampleOption[];
  pullCommands: string[];
  defaultPrompts: Record<PromptKind, string>;
  maxUploadMb: number;
  timeZone: string;
  rubric: RubricCriterion[];
  gradeBands: GradeBand[];
};

/**
 * The reader's part of the lab page, under the shared heading: the workbench (their runs, the run
 * the address names, the models Ollama has) and their write-up, from `GET /api/me/lab`. What the
 * page shows stays while a newer copy loads, so opening another run or a run ending never blanks it.
 */
export function LabPage(props: Props) {
  const { data, loadedFor, failure, run, reload } = useLabPage(props.lesson);
  const failureNotice = failure ? (
    <div className="mb-6 flex flex-wrap items-center gap-3" role="alert">
      <Notice tone="danger">{failure}</Notice>
      <Button variant="secondary" onClick={reload}>
        Try again
      </Button>
    </div>
  ) : null;
  return (
    <PageRefreshContext.Provider value={reload}>
      <div className={run ? "mt-6" : "mt-10"}>
        {failureNotice}
        {data ? (
          <LabWorkbench
            lesson={props.lesson}
            userId={data.user.id}
            samples={props.samples}
            pullCommands={props.pullCommands}
            defaultPrompts={props.defaultPrompts}
            maxUploadMb={props.maxUploadMb}
            timeZone={props.timeZone}
            {...data.workbench}
          />
        ) : failure ? null : (
          // Until the reader's lab first arrives: a screen's height, so the write-up below stays out of
          // sight and nothing visible moves when the lab replaces it.
          <div className="min-h-[100svh]" data-testid="lab-loading">
            <LabLoading />
            <noscript>
              <p className="mt-4">
                The lab needs JavaScript: it runs the models and shows their answers as they arrive. Turn it on and reload.
              </p>
            </noscript>
          </div>
        )}
      </div>
      {data || !failure ? (
        <div className="mt-16 border-t border-line pt-10">
          {data ? (
            <WriteUpEditor
              lesson={props.lesson}
              userId={data.user.id}
              rubric={props.rubric}
              gradeBands={props.gradeBands}
              openRunId={loadedFor}
              timeZone={props.timeZone}
              {...data.writeUp}
            />
          ) : (
            <p className="text-ink-muted">Loading your write-up…</p>
          )}
        </div>
      ) : null}
    </PageRefreshContext.Provider>
  );
}
