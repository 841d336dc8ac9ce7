import { TriangleAlert } from "lucide-react";
import type { LabCellView, LabRunView } from "@/lib/lab/types";
import { explainFailure, type FailureExplanation } from "@/lib/errors/table";

/** A failure several cells share: said once above the results, in plain words, with what to do. */
export type FailureGroup = {
  code: string;
  anchor: string;
  cells: string[];
  models: string[];
  /** what Ollama or the server said, once per distinct message */
  said: string[];
  explanation: FailureExplanation;
};

const listModels = (models: string[]) => (models.length ? models.join(" and ") : "the model");

/** Failed cells grouped by error code; a code two or more cells share is said once, above the results. */
export function sharedFailures(run: LabRunView, operator: boolean): FailureGroup[] {
  const byCode = new Map<string, LabCellView[]>();
  for (const cell of run.cells) {
    if (cell.status !== "FAILED") continue;
    const code = cell.errorCode ?? "INTERNAL";
    byCode.set(code, [...(byCode.get(code) ?? []), cell]);
  }
  return [...byCode]
    .filter(([, cells]) => cells.length > 1)
    .map(([code, cells]) => {
      const models = [...new Set(cells.map((c) => c.model ?? "tesseract.js"))];
      return {
        code,
        anchor: `run-failure-${code.toLowerCase()}`,
        cells: cells.map((c) => c.id),
        models,
        said: [...new Set(cells.flatMap((c) => (c.error ? [c.error] : [])))],
        explanation: explainFailure(code, models, operator),
      };
    });
}

function FailureScope({ group, run }: { group: FailureGroup; run: LabRunView }) {
  const modelCells = run.cells.filter((c) => c.column !== "OCR").length;
  const count = group.cells.length;
  const isEveryModelAnswer = count === modelCells && group.models.every((m) => m !== "tesseract.js");
  return (
    <p className="mt-1 text-ink-muted">
      {isEveryModelAnswer ? `It stopped every model answer (${count}).` : `It stopped ${count} answers from ${listModels(group.models)}.`}
    </p>
  );
}

function FailureBody({ group, run }: { group: FailureGroup; run: LabRunView }) {
  return (
    <>
      <FailureScope group={group} run={run} />
      <p className="mt-2">{group.explanation.why}</p>
      <p className="mt-2">
        <strong>What to do:</strong> {group.explanation.whatToDo}
      </p>
      {group.said.length ? (
        <details className="mt-2">
          <summary className="cursor-pointer font-semibold">What {group.code === "INTERNAL" ? "the server" : "Ollama"} said</summary>
          <ul className="mt-1 flex flex-col gap-1">
            {group.said.map((text) => (
              <li key={text} className="break-words">
                {text}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

/** Said once for the failures several cells share; the cells point here instead of repeating it. */
export function SharedFailures({ groups, run }: { groups: FailureGroup[]; run: LabRunView }) {
  const box = "mt-6 scroll-mt-6 rounded-lg border border-danger/40 bg-danger-soft px-4 py-3 text-sm";
  const [only] = groups;
  if (groups.length === 1 && only) {
    return (
      <section id={only.anchor} aria-labelledby={`${only.anchor}-title`} tabIndex={-1} className={box} data-testid="run-failures">
        <h4 id={`${only.anchor}-title`} className="flex items-start gap-2 text-base font-semibold">
          <TriangleAlert aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-danger" />
          {only.explanation.title}
        </h4>
        <FailureBody group={only} run={run} />
      </section>
    );
  }
  return (
    <section id="run-failures" aria-labelledby="run-failures-title" tabIndex={-1} className={box} data-testid="run-failures">
      <h4 id="run-failures-title" className="flex items-start gap-2 text-base font-semibold">
        <TriangleAlert aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-danger" />
        Answers failed for {groups.length} reasons
      </h4>
      <ul className="mt-2 flex flex-col gap-4">
        {groups.map((group) => (
          <li key={group.code} id={group.anchor} tabIndex={-1} className="scroll-mt-6">
            <h5 className="font-semibold">{group.explanation.title}</h5>
            <FailureBody group={group} run={run} />
          </li>
        ))}
      </ul>
    </section>
  );
}
