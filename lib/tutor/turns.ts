import type { TutorEvent, TutorMode, TutorSource } from "@/lib/tutor/events";

// One question to the lesson tutor and what came back, as the panel keeps it (and the tab's
// sessionStorage keeps it across a reload). Pure: the panel's hook applies the stream's events here.

export type Turn = {
  id: string;
  question: string;
  status: "asking" | "answering" | "done" | "failed";
  mode?: TutorMode;
  sources: TutorSource[];
  message?: string;
  note?: string;
  model?: string;
  answer: string;
  error?: string;
};

export const MAX_TURNS_KEPT = 30;

export function newTurn(id: string, question: string): Turn {
  return { id, question, status: "asking", sources: [], answer: "" };
}

/** One event of the tutor's NDJSON stream, applied to its turn. */
export function applyTutorEvent(turn: Turn, event: TutorEvent): Turn {
  if (event.type === "start") {
    return {
      ...turn,
      status: event.mode === "model" ? "answering" : "done",
      mode: event.mode,
      sources: event.sources,
      message: event.message,
      note: event.note,
      model: event.model,
    };
  }
  if (event.type === "delta") return { ...turn, answer: turn.answer + event.text };
  if (event.type === "error") return { ...turn, status: "failed", error: event.message };
  return { ...turn, status: "done" };
}

/** The stream ended: a turn that never started an answer failed. */
export function finishTurn(turn: Turn): Turn {
  if (turn.status === "failed") return turn;
  return { ...turn, status: turn.mode ? "done" : "failed", error: turn.mode ? turn.error : "The tutor sent no answer." };
}

/** The connection broke off, or the reader pressed Stop: what arrived is kept. */
export function interruptTurn(turn: Turn, stopped: boolean): Turn {
  return {
    ...turn,
    status: "failed",
    error: stopped ? "Stopped. What arrived is kept." : "The connection dropped before the answer finished. What arrived is kept.",
  };
}

/** Turns read back after a reload: one cut off by the reload is kept with what it had, marked as stopped. */
export function restoreTurns(value: unknown): Turn[] {
  if (!Array.isArray(value)) return [];
  return (value as Turn[]).map((t) =>
    t.status === "asking" || t.status === "answering"
      ? { ...t, status: "failed", error: "The page reloaded before the answer finished." }
      : t,
  );
}
