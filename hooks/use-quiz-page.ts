"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useSearchParams } from "next/navigation";
import { openAttemptAction } from "@/app/lessons/[slug]/quiz/actions";
import { useReader } from "@/components/progress/progress-provider";
import { refetchReader } from "@/components/progress/reader-store";
import { callAction } from "@/hooks/use-action";
import { LOAD_FAILED, loadFailureText, loadGuestStart, type GuestStart } from "@/hooks/use-guest-quiz";
import { QUIZ_PAGE_VERSION, quizPageUrl, type AttemptState, type QuizPageData, type SignedInQuizPage } from "@/lib/quiz/types";

export type QuizPageState =
  | { status: "loading" }
  | { status: "failed"; message: string }
  /** `requested`: the `?attempt=` this was loaded for (the URL may have moved on since: the runner writes it) */
  | { status: "member"; page: SignedInQuizPage; attempt: AttemptState; requested: string | null }
  | { status: "guest"; start: GuestStart };

async function fetchQuizPage(lesson: string, attempt: string | null): Promise<QuizPageData | null> {
  try {
    const response = await fetch(quizPageUrl(lesson, attempt), { credentials: "same-origin" });
    if (!response.ok) return null;
    const page = (await response.json()) as QuizPageData;
    return page?.v === QUIZ_PAGE_VERSION ? page : null;
  } catch {
    return null;
  }
}

async function loadGuest(lesson: string): Promise<QuizPageState> {
  const start = await loadGuestStart(lesson);
  return "failed" in start ? { status: "failed", message: start.failed } : { status: "guest", start };
}

/** A member's page: their attempts and the result asked for, and their open attempt (opened by a POST, never by the GET). */
async function loadMember(lesson: string, attempt: string | null): Promise<QuizPageState> {
  const [page, opened] = await Promise.all([fetchQuizPage(lesson, attempt), callAction(() => openAttemptAction(lesson))]);
  // The session ended since the page was served: the reader store is asked again, and its turn to
  // "guest" loads a guest's questions (loading them here too could make two guest identities).
  if (page && !page.user) {
    void refetchReader();
    return { status: "loading" };
  }
  if (!page) return { status: "failed", message: LOAD_FAILED };
  if (!opened.ok) return { status: "failed", message: loadFailureText(opened) };
  return { status: "member", page, attempt: opened.value, requested: attempt };
}

/**
 * What a reader's quiz page shows, loaded after the shared HTML (docs/shared-pages-design.md §4):
 * a member's attempts, open attempt and `?attempt=` result, or a guest's questions. It loads again
 * when the reader changes or a link asks for another attempt's result, but not when the runner
 * itself writes the address of the attempt it just submitted or left (`noteUrl`).
 */
export function useQuizPage(lesson: string) {
  const { status } = useReader();
  const attempt = useSearchParams().get("attempt");
  const [state, setState] = useState<QuizPageState>({ status: "loading" });
  const written = useRef<{ attempt: string | null } | null>(null);

  useEffect(() => {
    if (status === "pending") return;
    if (written.current && written.current.attempt === attempt) return;
    written.current = null;
    let cancelled = false;
    void (status === "member" ? loadMember(lesson, attempt) : loadGuest(lesson)).then((next) => {
      if (!cancelled) setState(next);
    });
    return () => {
      cancelled = true;
    };
  }, [status, lesson, attempt]);

  const noteUrl = useCallback((next: string | null) => {
    written.current = { attempt: next };
  }, []);

  return { state, noteUrl };
}
