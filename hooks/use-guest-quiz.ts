"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { adoptGuestIdentityAction, guestQuizAction } from "@/app/lessons/[slug]/quiz/actions";
import { callAction } from "@/hooks/use-action";
import { readGuestAttempts, readLocalAttempt, writeLocalAttempt } from "@/components/quiz/quiz-storage";
import { keepKnownAnswers } from "@/lib/quiz/known-answers";
import type { PublicQuiz } from "@/lib/quiz/types";

// Says to reload rather than "try again in a moment": nothing on the page can be retried.
const LOAD_FAILED = "The questions could not be loaded: the server did not answer. Reload the page to try again.";

export type GuestQuizOptions = {
  initialQuiz: PublicQuiz;
  isSignedIn: boolean;
  hasInitialResult: boolean;
  /** the attempt the server issued for this page, if the viewer is a guest */
  issuedAttempt: string | null;
  pendingGuestToken: string | null;
  setQuiz: (quiz: PublicQuiz) => void;
  setGuestAttempt: (attempt: string) => void;
  setMessage: (message: string | null) => void;
  replaceAnswers: (answers: Record<string, string[]>) => void;
};

/**
 * A guest's side of the quiz: loading the questions of the attempt this browser holds (or of a new
 * one), resuming its answers once a mount, and keeping the identity a first visit was drawn for.
 */
export function useGuestQuiz({
  initialQuiz,
  isSignedIn,
  hasInitialResult,
  issuedAttempt,
  pendingGuestToken,
  setQuiz,
  setGuestAttempt,
  setMessage,
  replaceAnswers,
}: GuestQuizOptions) {
  const [isLoadingQuiz, setIsLoadingQuiz] = useState(false);
  const router = useRouter();

  /** A guest's questions for the attempt this browser holds, or (none) for a new one at its place among the browser's attempts. */
  const loadGuestQuiz = useCallback(
    async (held: string | null): Promise<{ guestAttempt: string; quiz: PublicQuiz } | null> => {
      setIsLoadingQuiz(true);
      const counted = readGuestAttempts(initialQuiz.lesson);
      const loaded = await callAction(() =>
        guestQuizAction({
          lesson: initialQuiz.lesson,
          ...(held ? { guestAttempt: held } : {}),
          ...(pendingGuestToken ? { guestToken: pendingGuestToken } : {}),
          ...(counted ? { guestAttempts: counted } : {}),
        }),
      );
      setIsLoadingQuiz(false);
      if (!loaded.ok) {
        setMessage(loaded.code === "NO_RESPONSE" ? LOAD_FAILED : loaded.message);
        return null;
      }
      setQuiz(loaded.value.quiz);
      setGuestAttempt(loaded.value.guestAttempt);
      return loaded.value;
    },
    [initialQuiz.lesson, pendingGuestToken, setQuiz, setGuestAttempt, setMessage],
  );

  // Guests resume the attempt kept in this browser, as far as it matches its questions' option ids.
  // Once a mount: the refresh after a first visit's identity is adopted brings new props (and a new
  // attempt), and resuming again then would replace answers given in the meantime.
  const resumed = useRef(false);
  useEffect(() => {
    if (isSignedIn || hasInitialResult || resumed.current || !issuedAttempt) return;
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
  }, [isSignedIn, hasInitialResult, initialQuiz, issuedAttempt, replaceAnswers, loadGuestQuiz, setMessage]);

  // A guest's first visit: keep the identity this page's option ids were drawn for (once a mount).
  const adopting = useRef(false);
  useEffect(() => {
    if (isSignedIn || !pendingGuestToken || adopting.current) return;
    adopting.current = true;
    // A failure is not shown: the submit carries the token too.
    void callAction(() => adoptGuestIdentityAction({ token: pendingGuestToken })).then((r) => {
      if (r.ok && r.value.changed) router.refresh();
    });
  }, [isSignedIn, pendingGuestToken, router]);

  return { isLoadingQuiz, loadGuestQuiz };
}
