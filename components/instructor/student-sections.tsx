import Link from "next/link";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import type { StudentOverview } from "@/lib/instructor/data/student";
import type { Quiz } from "@/lib/quiz/schema";
import { nextStepText, type PathProgress } from "@/lib/progress/path-progress";
import { StateBadge } from "@/components/submissions/state-badge";
import { formatScore } from "@/lib/format/score";

// The sections of one student's page: lesson steps, quiz attempts with each answer, lab runs and
// write-ups. Each is a heading with its count and a plain list.

/** The student's path as they see it on their lesson map: the same steps, names and count. */
export function StudentSteps({ progress }: { progress: PathProgress }) {
  return (
    <section aria-labelledby="steps-title" className="mt-8">
      <h2 id="steps-title" className="text-xl font-semibold">
        Lesson steps ({progress.done} of {progress.total})
      </h2>
      <p className="mt-1 text-sm text-ink-muted" data-testid="student-next-step">
        {nextStepText(progress.next)}
      </p>
      <ol className="mt-3 flex flex-col gap-1 text-sm">
        {progress.steps.map(({ step, isDone, doneAt }) => (
          <li key={step.id}>
            <span aria-hidden="true">{isDone ? "✓ " : "○ "}</span>
            {step.title}{" "}
            <span className="text-ink-muted">
              {!isDone ? "· not done" : doneAt ? `· done ${formatDateTime(doneAt, env.TIME_ZONE)}` : "· done"}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

// Each attempt showed its own variants: option texts come from that attempt's questions.
const optionText = (quiz: Quiz, questionId: string, optionId: string) =>
  quiz.questions.find((q) => q.id === questionId)?.options.find((o) => o.id === optionId)?.text ?? optionId;

type Attempt = StudentOverview["attempts"][number];

function AttemptAnswers({ attempt: a }: { attempt: Attempt }) {
  if (!a.questions.length) return null;
  return (
    <ol className="mt-3 flex flex-col gap-2 text-sm">
      {a.questions.map((q, n) => (
        <li key={q.questionId} className="border-t border-line pt-2">
          <span className={q.isCorrect ? "font-semibold text-success" : "font-semibold text-danger"}>
            {n + 1}. {q.isCorrect ? "Right" : !q.isAnswered ? "Not answered" : q.credit > 0 ? "Partly right" : "Wrong"}
          </span>
          <span className="block text-ink-muted">{a.quiz.questions.find((x) => x.id === q.questionId)?.prompt}</span>
          {q.isAnswered ? <span> · chose: {q.chosen.map((o) => optionText(a.quiz, q.questionId, o)).join("; ")}</span> : null}
          {!q.isCorrect ? (
            <span className="block text-ink-muted">right: {q.correct.map((o) => optionText(a.quiz, q.questionId, o)).join("; ")}</span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

export function StudentAttempts({ attempts }: { attempts: StudentOverview["attempts"] }) {
  return (
    <section aria-labelledby="attempts-title" className="mt-10">
      <h2 id="attempts-title" className="text-xl font-semibold">
        Quiz attempts ({attempts.length})
      </h2>
      {attempts.length === 0 ? <p className="mt-2 text-ink-muted">No submitted attempt yet.</p> : null}
      <ol className="mt-3 flex flex-col gap-3">
        {attempts.map((a, i) => (
          <li key={a.id} className="rounded-xl border border-line bg-surface p-4">
            <details>
              <summary className="cursor-pointer">
                <span className="font-semibold">
                  Attempt {i + 1}: {formatScore(a.score, a.total)}
                </span>{" "}
                <span className="text-sm text-ink-muted">
                  · {formatDateTime(a.submittedAt, env.TIME_ZONE)}
                  {a.source === "GUEST" ? " · taken as a guest, joined at sign-in (answers not kept)" : ""}
                </span>
              </summary>
              <AttemptAnswers attempt={a} />
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function StudentRuns({ runs }: { runs: StudentOverview["runs"] }) {
  return (
    <section aria-labelledby="runs-title" className="mt-10">
      <h2 id="runs-title" className="text-xl font-semibold">
        Lab runs ({runs.length})
      </h2>
      {runs.length === 0 ? <p className="mt-2 text-ink-muted">No run yet.</p> : null}
      <ul className="mt-3 flex flex-col gap-2 text-sm">
        {runs.map((r) => (
          <li key={r.id}>
            <Link href={`/instructor/runs/${r.id}`}>
              {formatDateTime(r.createdAt, env.TIME_ZONE)}: {r.screenshot} · {r.textModel ?? "no text model"} vs{" "}
              {r.visionModel ?? "no vision model"}
            </Link>{" "}
            <span className="text-ink-muted">({r.status.toLowerCase()})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function StudentWriteUps({ submissions }: { submissions: StudentOverview["submissions"] }) {
  return (
    <section aria-labelledby="submissions-title" className="mt-10">
      <h2 id="submissions-title" className="text-xl font-semibold">
        Write-ups
      </h2>
      {submissions.length === 0 ? <p className="mt-2 text-ink-muted">No write-up yet.</p> : null}
      <ul className="mt-3 flex flex-col gap-2 text-sm">
        {submissions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center gap-2">
            <StateBadge state={s.state} />
            {s.currentVersion ? (
              <Link href={`/instructor/submissions/${s.id}`}>
                Version {s.currentVersion}, submitted {s.submittedAt ? formatDateTime(s.submittedAt, env.TIME_ZONE) : "—"}
              </Link>
            ) : (
              <span className="text-ink-muted">a draft, not submitted</span>
            )}
            {s.review ? <span className="text-ink-muted">· grade {s.review.grade ?? "—"}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
