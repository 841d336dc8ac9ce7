"use client";

import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import {
  adoptGuestIdentityAction,
  guestQuizAction,
  saveAnswerAction,
  startAttemptAction,
  submitQuizAction,
} from "@/app/lessons/[slug]/quiz/actions";
import { useProgress } from "@/components/progress/progress-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { QuizResults } from "@/components/quiz/quiz-results";
import {
  clearLocalAttempt,
  readGuestAttempts,
  readLocalAttempt,
  writeGuestAttempts,
  writeLocalAttempt,
} from "@/components/quiz/quiz-storage";
import { useLeaveGuard } from "@/components/quiz/use-leave-guard";
import type { PublicQuiz } from "@/lib/quiz/types";
import type { QuizResultView } from "@/lib/quiz/types";
import type { ReviewPolicy } from "@/lib/quiz/review-policy";

type Props = {
  quiz: PublicQuiz;
  isSignedIn: boolean;
  /** signed in: the open attempt from the database */
  attempt: { attemptId: string; answers: Record<string, string[]> } | null;
  /** guests: a fresh attempt the server issued, used unless this browser already has one */
  guestAttempt: string | null;
  /** guests without the identity cookie yet: the identity the option ids were drawn for, to keep */
  pendingGuestToken: string | null;
  policy: ReviewPolicy;
  initialResult: QuizResultView | null;
  /** a spaced review set: submitted once, no retake */
  isReview?: boolean;
};

/** Only the answers whose option ids belong to this page: ids drawn for another identity match nothing. */
function keepKnownAnswers(quiz: PublicQuiz, answers: Record<string, string[]>): { kept: Record<string, string[]>; dropped: boolean } {
  let dropped = false;
  const kept: Record<string, string[]> = {};
  for (const [questionId, ids] of Object.entries(answers)) {
    const known = new Set(quiz.questions.find((q) => q.id === questionId)?.options.map((o) => o.id));
    const valid = ids.filter((id) => known.has(id));
    if (valid.length !== ids.length) dropped = true;
    if (valid.length) kept[questionId] = valid;
  }
  return { kept, dropped };
}

type SaveState = "idle" | "saving" | "saved" | "error";

export function QuizRunner({
  quiz: initialQuiz,
  isSignedIn,
  attempt,
  guestAttempt: issuedAttempt,
  pendingGuestToken,
  policy,
  initialResult,
  isReview = false,
}: Props) {
  // The questions depend on the attempt (its variants and numbers): a retake, or a guest's attempt
  // resumed from this browser, brings its own.
  const [quiz, setQuiz] = useState(initialQuiz);
  const [isLoadingQuiz, setIsLoadingQuiz] = useState(false);
  const { recordQuizResult } = useProgress();
  const router = useRouter();
  const [attemptId, setAttemptId] = useState(attempt?.attemptId);
  // Guests: the attempt the server issued (it grades only that one); accounts use attemptId.
  const [guestAttempt, setGuestAttempt] = useState(issuedAttempt);
  const [answers, setAnswers] = useState<Record<string, string[]>>(attempt?.answers ?? {});
  const [phase, setPhase] = useState<"answering" | "confirming" | "results">(initialResult ? "results" : "answering");
  const [result, setResult] = useState<QuizResultView | null>(initialResult);
  const [message, setMessage] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<SaveState>("idle");
  const [isSubmitting, startSubmit] = useTransition();
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const resultsRef = useRef<HTMLHeadingElement>(null);
  const pendingSaves = useRef(0);
  // The latest answers, read synchronously: two quick clicks on one question must build on each
  // other, not on the same stale render.
  const answersRef = useRef(answers);
  const replaceAnswers = useCallback((next: Record<string, string[]>) => {
    answersRef.current = next;
    setAnswers(next);
  }, []);

  /** A guest's questions for the attempt this browser holds, or (none) for a new one at its place among the browser's attempts. */
  const loadGuestQuiz = useCallback(
    async (held: string | null): Promise<{ guestAttempt: string; quiz: PublicQuiz } | null> => {
      setIsLoadingQuiz(true);
      try {
        const counted = readGuestAttempts(initialQuiz.lesson);
        const loaded = await guestQuizAction({
          lesson: initialQuiz.lesson,
          ...(held ? { guestAttempt: held } : {}),
          ...(pendingGuestToken ? { guestToken: pendingGuestToken } : {}),
          ...(counted ? { guestAttempts: counted } : {}),
        });
        if (!loaded.ok) {
          setMessage(loaded.message);
          return null;
        }
        setQuiz(loaded.value.quiz);
        setGuestAttempt(loaded.value.guestAttempt);
        return loaded.value;
      } catch {
        setMessage("The questions could not be loaded: the server did not answer. Reload the page to try again.");
        return null;
      } finally {
        setIsLoadingQuiz(false);
      }
    },
    [initialQuiz.lesson, pendingGuestToken],
  );

  // Guests resume the attempt kept in this browser, as far as it matches its questions' option ids.
  // Once a mount: the refresh after a first visit's identity is adopted brings new props (and a new
  // attempt), and resuming again then would replace answers given in the meantime.
  const resumed = useRef(false);
  useEffect(() => {
    if (isSignedIn || initialResult || resumed.current || !issuedAttempt) return;
    const local = readLocalAttempt(initialQuiz.lesson);
    // The page issued a first attempt; a held attempt or a later place among attempts has its own.
    const needsOwn = Boolean(local) || Boolean(readGuestAttempts(initialQuiz.lesson));
    let cancelled = false;
    void (async () => {
      let loaded = needsOwn ? await loadGuestQuiz(local?.attempt ?? null) : { guestAttempt: issuedAttempt, quiz: initialQuiz };
      // A held attempt from another quiz session (signed out since, another identity): start afresh.
      if (!loaded && local) {
        setMessage(null);
        loaded = await loadGuestQuiz(null);
      }
      if (cancelled || !loaded) return;
      resumed.current = true;
      if (local && loaded.guestAttempt === local.attempt) {
        const { kept, dropped } = keepKnownAnswers(loaded.quiz, local.answers);
        replaceAnswers(kept);
        if (dropped) {
          writeLocalAttempt(initialQuiz.lesson, { attempt: local.attempt, answers: kept });
          setMessage(
            "Some answers saved in this browser came from an earlier quiz session and no longer match it: answer those questions again.",
          );
        }
      } else {
        writeLocalAttempt(initialQuiz.lesson, { attempt: loaded.guestAttempt, answers: {} });
        if (local && Object.keys(local.answers).length)
          setMessage("The answers saved in this browser belonged to an earlier quiz session, so this is a new attempt.");
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [isSignedIn, initialResult, initialQuiz, issuedAttempt, replaceAnswers, loadGuestQuiz]);

  // A guest's first visit: keep the identity this page's option ids were drawn for (once a mount).
  const adopting = useRef(false);
  useEffect(() => {
    if (isSignedIn || !pendingGuestToken || adopting.current) return;
    adopting.current = true;
    adoptGuestIdentityAction({ token: pendingGuestToken })
      .then((r) => {
        if (r.ok && r.value.changed) router.refresh();
      })
      .catch(() => undefined); // the submit carries the token too
  }, [isSignedIn, pendingGuestToken, router]);

  // The server sends the options in this attempt's order.
  const questions = quiz.questions;
  const unanswered = questions.filter((q) => !answers[q.id]?.length);
  const answeredCount = questions.length - unanswered.length;
  useLeaveGuard(phase !== "results" && answeredCount > 0);

  useEffect(() => {
    if (phase === "confirming") confirmRef.current?.focus();
    if (phase === "results") resultsRef.current?.focus();
  }, [phase]);

  const save = useCallback(
    (questionId: string, change: (previous: string[]) => string[]) => {
      const optionIds = change(answersRef.current[questionId] ?? []);
      const next = { ...answersRef.current, [questionId]: optionIds };
      replaceAnswers(next);
      if (!isSignedIn && guestAttempt && !writeLocalAttempt(quiz.lesson, { attempt: guestAttempt, answers: next })) {
        setMessage("This browser does not allow saving answers (storage is blocked or full). Finish in one go, or sign in.");
      }
      if (!isSignedIn || !attemptId) return;
      pendingSaves.current += 1;
      setSaveState("saving");
      saveAnswerAction({ lesson: quiz.lesson, attemptId, questionId, optionIds })
        .then((r) => {
          if (!r.ok) {
            setMessage(r.message);
            setSaveState("error");
          } else if (pendingSaves.current === 1) setSaveState("saved");
        })
        .catch(() => {
          setSaveState("error");
          setMessage("An answer could not be saved: the server did not answer. It is still on this page and will be sent when you submit.");
        })
        .finally(() => {
          pendingSaves.current -= 1;
        });
    },
    [isSignedIn, attemptId, quiz.lesson, guestAttempt, replaceAnswers],
  );

  function submit() {
    setMessage(null);
    startSubmit(async () => {
      try {
        const counted = isSignedIn ? undefined : readGuestAttempts(quiz.lesson);
        const outcome = await submitQuizAction(
          isSignedIn
            ? { lesson: quiz.lesson, attemptId, answers }
            : {
                lesson: quiz.lesson,
                ...(guestAttempt ? { guestAttempt } : {}),
                answers,
                ...(pendingGuestToken ? { guestToken: pendingGuestToken } : {}),
                ...(counted ? { guestAttempts: counted } : {}),
              },
        );
        if (!outcome.ok) {
          setMessage(outcome.message);
          setPhase("answering");
          return;
        }
        const { result, view, attemptId: submittedId, guestAttempts } = outcome.value;
        // A review is not a quiz attempt: it moves mastery, not the quiz's best and latest.
        if (!isReview) recordQuizResult(quiz.lesson, result);
        if (guestAttempts) writeGuestAttempts(quiz.lesson, guestAttempts);
        if (!isSignedIn) clearLocalAttempt(quiz.lesson);
        setResult(view);
        setPhase("results");
        if (submittedId) window.history.replaceState(null, "", `?attempt=${submittedId}`);
      } catch {
        setMessage("The quiz could not be submitted: the server did not answer. Your answers are kept; try again in a moment.");
        setPhase("answering");
      }
    });
  }

  async function retake() {
    setMessage(null);
    if (isSignedIn) {
      const started = await startAttemptAction(quiz.lesson);
      if (!started.ok) return setMessage(started.message);
      setQuiz(started.value.quiz);
      setAttemptId(started.value.attemptId);
      replaceAnswers({});
      window.history.replaceState(null, "", window.location.pathname);
    } else {
      const fresh = await loadGuestQuiz(null);
      if (!fresh) return;
      writeLocalAttempt(quiz.lesson, { attempt: fresh.guestAttempt, answers: {} });
      replaceAnswers({});
    }
    setResult(null);
    setPhase("answering");
    window.scrollTo({ top: 0 });
  }

  if (phase === "results" && result) {
    return <QuizResults lesson={quiz.lesson} view={result} headingRef={resultsRef} onRetake={isReview ? undefined : retake} />;
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setPhase("confirming");
      }}
    >
      {isLoadingQuiz ? (
        <p className="mb-4 text-sm text-ink-muted" role="status">
          Loading your questions…
        </p>
      ) : null}
      <p className="text-sm text-ink-muted" aria-live="polite">
        {answeredCount} of {questions.length} answered ·{" "}
        {isSignedIn
          ? saveState === "saving"
            ? "Saving…"
            : saveState === "error"
              ? "Not saved"
              : "Answers save to your account as you go"
          : "Answers save in this browser as you go"}
      </p>
      {message ? (
        <Notice tone="danger" className="mt-4">
          {message}
        </Notice>
      ) : null}

      <ol className="mt-6 flex flex-col gap-6">
        {questions.map((q) => (
          <li key={q.id} id={`question-${q.number}`} className="scroll-mt-6 rounded-2xl border border-line bg-surface p-5 sm:p-6">
            <fieldset>
              <legend className="text-base font-semibold">
                <span className="mr-1 text-accent">Question {q.number}.</span> {q.prompt}
              </legend>
              <p className="mt-1 text-sm text-ink-muted">{q.kind === "multiple" ? "Select all that apply." : "Choose one."}</p>
              <div className="mt-4 flex flex-col gap-2">
                {q.options.map((o) => {
                  const chosen = answers[q.id] ?? [];
                  const isChecked = chosen.includes(o.id);
                  return (
                    <label
                      key={o.id}
                      className="flex cursor-pointer items-start gap-3 rounded-xl border border-line px-4 py-3 has-[:checked]:border-accent has-[:checked]:bg-accent-soft has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-focus"
                    >
                      <input
                        type={q.kind === "single" ? "radio" : "checkbox"}
                        name={q.id}
                        value={o.id}
                        checked={isChecked}
                        onChange={(event) => {
                          const isOn = event.target.checked;
                          if (q.kind === "single") save(q.id, () => [o.id]);
                          else save(q.id, (previous) => (isOn ? [...new Set([...previous, o.id])] : previous.filter((id) => id !== o.id)));
                        }}
                        className="mt-1 size-4 shrink-0 accent-accent"
                      />
                      <span>{o.text}</span>
                    </label>
                  );
                })}
              </div>
            </fieldset>
          </li>
        ))}
      </ol>

      {phase === "confirming" ? (
        <section aria-labelledby="confirm-title" className="mt-8 rounded-2xl border border-accent/50 bg-accent-soft p-5 sm:p-6">
          <h2 id="confirm-title" ref={confirmRef} tabIndex={-1} className="text-xl font-semibold">
            {unanswered.length ? `${unanswered.length} question${unanswered.length === 1 ? "" : "s"} unanswered` : "Ready to submit?"}
          </h2>
          {unanswered.length ? (
            <>
              <p className="mt-1">
                An unanswered question scores zero{policy.kind === "answered" ? " and its right answer is not shown" : ""}. You can go back
                to it, or submit as it is.
              </p>
              <ul className="mt-3 flex flex-wrap gap-2" aria-label="Unanswered questions">
                {unanswered.map((q) => (
                  <li key={q.id}>
                    <a
                      href={`#question-${q.number}`}
                      onClick={() => setPhase("answering")}
                      className="inline-block rounded-lg border border-line bg-surface px-3 py-1 text-sm"
                    >
                      Question {q.number}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="mt-1">
              All {questions.length} questions are answered. After submitting you will see your score
              {policy.kind === "after-attempts" ? " and which answers were right." : " and an explanation for every option."}
            </p>
          )}
          <div className="mt-5 flex flex-wrap gap-3">
            <Button onClick={submit} disabled={isSubmitting}>
              {isSubmitting ? "Grading…" : unanswered.length ? "Submit anyway" : "Submit now"}
            </Button>
            <Button variant="secondary" onClick={() => setPhase("answering")} disabled={isSubmitting}>
              Keep answering
            </Button>
          </div>
        </section>
      ) : (
        <div className="mt-8 flex flex-wrap items-center gap-4">
          <Button type="submit" disabled={isLoadingQuiz}>
            {isReview ? "Submit review" : "Submit quiz"}
          </Button>
          <p className="text-sm text-ink-muted">You will see the unanswered questions before anything is graded.</p>
        </div>
      )}
    </form>
  );
}
