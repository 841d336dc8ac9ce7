import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/server/session";
import { ALL_CLASSES } from "@/lib/classes/data/scope";
import { currentScope } from "@/lib/classes/server/class-choice";
import { InstructorNav } from "@/components/instructor/instructor-nav";

export const metadata: Metadata = { title: "Exports" };

const FILES = [
  {
    href: "/api/instructor/exports/grades.csv",
    label: "Download grades (CSV)",
    text: "One row per student: name, email, first and best quiz score, the level given for each rubric criterion, the grade and the most it could be, the feedback, and the state of the write-up. Grades come from the latest decided review; the last column says which version it was.",
  },
  {
    href: "/api/instructor/exports/runs.csv",
    label: "Download lab runs (CSV)",
    text: "One row per answer in every submitted version: student, run, version, column, prompt, model and status; load, first token, prompt and image tokens, prefill, tokens per second, memory and share on the GPU (times in whole milliseconds, tokens per second to two decimals); word recall, precision and character error rate; and what it takes to reproduce it (model digest, quantisation, Ollama version, engine, host and options).",
  },
  {
    href: "/api/instructor/exports/runs.json",
    label: "Download lab runs (JSON)",
    text: "The same rows as a JSON array, for a notebook or a script; the options stay an object.",
  },
] as const;

export default async function ExportsPage() {
  const scope = await currentScope(await requireRole("INSTRUCTOR", "/instructor/exports"));
  // The file is the class this page shows, whatever the picker says by the time it is clicked.
  const classParam = `?class=${encodeURIComponent(scope.selectedId ?? ALL_CLASSES)}`;
  const shown = scope.selectedId ? scope.classes.find((c) => c.id === scope.selectedId)?.name : null;
  return (
    <div className="py-10">
      <h1 className="text-3xl font-semibold tracking-tight">Exports</h1>
      <p className="mt-2 max-w-3xl text-ink-muted">
        {shown ? <>The work of {shown}</> : <>The work of all your classes</>} as files for a spreadsheet or a script, made when you
        download them. The lab runs are the evidence each student froze when submitting (what their write-up was judged on), not the live
        runs: a cell retried later changes nothing here.
      </p>
      <InstructorNav classes={scope.classes} selected={scope.selectedId} />
      <ul className="mt-8 flex max-w-3xl flex-col gap-4">
        {FILES.map((file) => (
          <li key={file.href} className="rounded-xl border border-line bg-surface p-4">
            <a href={file.href + classParam} download className="font-semibold">
              {file.label}
            </a>
            <p className="mt-1 text-sm text-ink-muted">{file.text}</p>
          </li>
        ))}
      </ul>
      <p className="mt-6 max-w-3xl text-sm text-ink-muted">
        The CSV files are UTF-8 and open in any spreadsheet. A cell that starts with =, +, - or @ (a name, some feedback) begins with an
        apostrophe, so the spreadsheet shows it as text instead of running it as a formula.
      </p>
    </div>
  );
}
