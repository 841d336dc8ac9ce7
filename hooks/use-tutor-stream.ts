"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { readNdjson } from "@/hooks/read-ndjson";
import type { TutorEvent } from "@/lib/tutor/events";
import { applyTutorEvent, finishTurn, interruptTurn, MAX_TURNS_KEPT, newTurn, restoreTurns, type Turn } from "@/lib/tutor/turns";
import type { QuizResult } from "@/lib/quiz/result";
import type { CheckResult } from "@/lib/progress/model";

const storageKey = (lesson: string) => `lesson-lab:tutor:${lesson}:v1`;

function loadTurns(lesson: string): Turn[] {
  try {
    return restoreTurns(JSON.parse(window.sessionStorage.getItem(storageKey(lesson)) ?? "[]"));
  } catch {
    return [];
  }
}

function saveTurns(lesson: string, turns: Turn[]) {
  try {
    window.sessionStorage.setItem(storageKey(lesson), JSON.stringify(turns.slice(-MAX_TURNS_KEPT)));
  } catch {
    // storage full or blocked: the conversation still stays on the page
  }
}

export type AskCallbacks = {
  /** the tutor took the question and the answer is coming */
  onAccepted: () => void;
  /** refused before answering (the message to show); the question stays where it was */
  onRefused: (message: string) => void;
};

/**
 * The lesson tutor's conversation for this visit (kept in the tab across a reload) and the
 * streaming of one answer at a time from /api/tutor, which Stop aborts.
 */
export type GuestEvidence = { quizResult?: QuizResult; checks?: Record<string, CheckResult> };

const MAX_GUEST_CHECKS = 40;

/** Only what the server signed goes along (anything else it would refuse). */
function guestFields(guest: GuestEvidence | undefined) {
  if (!guest) return {};
  const checks = Object.entries(guest.checks ?? {})
    .filter(([, r]) => r.sig)
    .slice(0, MAX_GUEST_CHECKS);
  return {
    ...(guest.quizResult?.sig ? { quizResult: guest.quizResult } : {}),
    ...(checks.length ? { checks: Object.fromEntries(checks) } : {}),
  };
}

export function useTutorStream(lesson: string) {
  const [turns, setTurns] = useState<Turn[]>([]);
  const [busy, setBusy] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const restored = useRef(false);

  useEffect(() => {
    // sessionStorage exists only after hydration, so the visit's conversation is restored here.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setTurns(loadTurns(lesson));
    restored.current = true;
  }, [lesson]);

  useEffect(() => {
    if (restored.current) saveTurns(lesson, turns);
  }, [lesson, turns]);

  useEffect(() => () => abort.current?.abort(), []);

  const update = useCallback(
    (id: string, change: (turn: Turn) => Turn) => setTurns((all) => all.map((t) => (t.id === id ? change(t) : t))),
    [],
  );

  /**
   * guest: a guest's signed quiz result for this lesson and signed check results (both as this
   * server graded them): the quiz's explanations and the answered checks' join the tutor's reading.
   */
  async function ask(text: string, guest: GuestEvidence | undefined, { onAccepted, onRefused }: AskCallbacks) {
    setBusy(true);
    const id = crypto.randomUUID();
    const controller = new AbortController();
    abort.current = controller;
    setTurns((all) => [...all, newTurn(id, text)]);
    try {
      const response = await fetch("/api/tutor", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ lesson, question: text, ...guestFields(guest) }),
        signal: controller.signal,
      });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        // Refused before answering: the question goes back into the box, nothing is lost.
        setTurns((all) => all.filter((t) => t.id !== id));
        onRefused(body?.error?.message ?? `The tutor could not answer (HTTP ${response.status}). Your question is still in the box.`);
        return;
      }
      onAccepted();
      await readNdjson<TutorEvent>(response.body, (event) => update(id, (t) => applyTutorEvent(t, event)));
      update(id, finishTurn);
    } catch (error) {
      const stopped = controller.signal.aborted;
      update(id, (t) => interruptTurn(t, stopped));
      if (!stopped) console.error(error);
    } finally {
      abort.current = null;
      setBusy(false);
    }
  }

  return { turns, busy, ask, stop: () => abort.current?.abort() };
}
