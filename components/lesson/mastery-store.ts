"use client";

import { useEffect, useState } from "react";
import type { ConceptMastery } from "@/lib/progress/mastery";

// An account's concept mastery comes from the server (every quiz attempt, review and check answer).
// A check answered on the page returns the new mastery; this hands it to the lesson map, which
// sits elsewhere on the page, without a reload. (Guests' mastery follows their progress document.)

type Mastery = Record<string, ConceptMastery>;
type Listener = (lesson: string, mastery: Mastery) => void;

const listeners = new Set<Listener>();

export function publishMastery(lesson: string, mastery: Mastery): void {
  for (const listener of listeners) listener(lesson, mastery);
}

/** The server's mastery for the lesson as the page was rendered, then whatever a check answer published since. */
export function useAccountMastery(lesson: string, initial: Mastery | null): Mastery | null {
  const [state, setState] = useState<{ lesson: string; initial: Mastery | null; mastery: Mastery | null }>({
    lesson,
    initial,
    mastery: initial,
  });
  // A new render from the server (navigation, refresh) replaces what was published before it.
  if (state.lesson !== lesson || state.initial !== initial) setState({ lesson, initial, mastery: initial });
  useEffect(() => {
    const listener: Listener = (from, mastery) => {
      if (from === lesson) setState((s) => ({ ...s, mastery }));
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, [lesson]);
  return state.lesson === lesson && state.initial === initial ? state.mastery : initial;
}
