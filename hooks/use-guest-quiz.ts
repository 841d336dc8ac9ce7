"use client";

import { useCallback, useState } from "react";
import { guestQuizAction, type GuestQuizLoad } from "@/app/lessons/[slug]/quiz/actions";
import { callAction } from "@/hooks/use-action";
import type { ActionResult } from "@/lib/action-result";
import { readGuestAttempts, readLocalAttempt, writeLocalAttempt } from "@/components/quiz/quiz-storage";
import { keepKnownAnswers } from "@/lib/quiz/known-answers";
import type { PublicQuiz } from "@/lib/quiz/types";

// Says to reload rather than "try again in a moment": nothing on the page can be retried.
export const LOAD_FAILED = "The questions could not be loaded: the server did not answer. Reload the page to try again.";

/** A guest's questions for the attempt this browser holds, or (none) for a new one at its place among the browser's attempts. */
export function requestGuestQuiz(lesson: string, held: string | null, guestToken: string | null): Promise<ActionResult<GuestQuizLoad>> {
  const counted = readGuestAttempts(lesson);
  return callAction(() =>
    guestQuizAction({
      lesson,
      ...(held ? { guestAttempt: held } : {}),
      ...(guestToken ? { guestToken } : {}),
      ...(counted ? { guestAttempts: counted } : {}),
    }),
  );
}

/** A guest's attempt as the page loaded it: issued by the server, this browser's answers to it, what to say about any that no longer fit. */
export type GuestAttemptStart = {
  guestAttempt: string;
  /** the identity token, when the server made the identity for this load (sent back in case the cookie is blocked) */
  guestToken: string | null;
  answers: Record<string, string[]>;
  message?: string | null;
};

/** Where a guest's quiz starts: the attempt and its questions. */
export type GuestStart = GuestAttemptStart & { quiz: PublicQuiz };

/** What a failed load says: "reload" when the server did not answer, else the server's own message. */
export const loadFailureText = (failure: { code: string; message: string }): string =>
  failure.code === "NO_RESPONSE" ? LOAD_FAILED : failure.message;

/**
 * A guest opening the quiz: the attempt this browser holds, resumed with its answers as far as
 * they match its questions' option ids, or a new one (and the browser's copy says which).
 */
export async function loadGuestStart(lesson: string): Promise<GuestStart | { failed: string }> {
  const local = readLocalAttempt(lesson);
  let loaded = await requestGuestQuiz(lesson, local?.attempt ?? null, null);
  // A held attempt from another quiz session (signed out since, another identity): start afresh.
  if (!loaded.ok && local) loaded = await requestGuestQuiz(lesson, null, null);
  if (!loaded.ok) return { failed: loadFailureText(loaded) };
  const { quiz, guestAttempt, guestToken = null } = loaded.value;
  if (local && guestAttempt === local.attempt) {
    const { kept, dropped } = keepKnownAnswers(quiz, local.answers);
    if (!dropped) return { quiz, guestAttempt, guestToken, answers: kept, message: null };
    writeLocalAttempt(lesson, { attempt: local.attempt, answers: kept });
    const message =
      "Some answers saved in this browser came from an earlier quiz session and no longer match it: answer those questions again.";
    return { quiz, guestAttempt, guestToken, answers: kept, message };
  }
  writeLocalAttempt(lesson, { attempt: guestAttempt, answers: {} });
  const message =
    local && Object.keys(local.answers).length
      ? "The answers saved in this browser belonged to an earlier quiz session, so this is a new attempt."
      : null;
  return { quiz, guestAttempt, guestToken, answers: {}, message };
}

export type GuestQuizOptions = {
  lesson: string;
  guestToken: string | null;
  setQuiz: (quiz: PublicQuiz) => void;
  setGuestAttempt: (attempt: string) => void;
  setMessage: (message: string | null) => void;
};

/** A guest's retake: a new attempt's questions, at its place among the browser's attempts. */
export function useGuestQuiz({ lesson, guestToken, setQuiz, setGuestAttempt, setMessage }: GuestQuizOptions) {
  const [isLoadingQuiz, setIsLoadingQuiz] = useState(false);
  const loadGuestQuiz = useCallback(async (): Promise<GuestQuizLoad | null> => {
    setIsLoadingQuiz(true);
    const loaded = await requestGuestQuiz(lesson, null, guestToken);
    setIsLoadingQuiz(false);
    if (!loaded.ok) {
      setMessage(loadFailureText(loaded));
      return null;
    }
    setQuiz(loaded.value.quiz);
    setGuestAttempt(loaded.value.guestAttempt);
    return loaded.value;
  }, [lesson, guestToken, setQuiz, setGuestAttempt, setMessage]);
  return { isLoadingQuiz, loadGuestQuiz };
}
