/** How an /api/chat request ended: its done:true line went out, the client left first, or the double sent an error or cut it. */
export type ChatOutcome = "completed" | "aborted" | "failed";

export type ModelChatStats = {
  /** Generations whose final done:true line was written. */
  completed: number;
  aborted: number;
  failed: number;
  /** Load-only requests (`messages: []`, also the keep_alive 0 unload) that were answered; never in `completed`. */
  loads: number;
  /** Most generations served at one moment on this model (after any per-model queue wait). */
  maxConcurrent: number;
};

export type ServerStats = {
  /** Per model, by its full name (`llama3.2:3b`; a bare name gets `:latest`). */
  chats: Record<string, ModelChatStats>;
  /** Most generations served at one moment across all models. */
  maxConcurrent: number;
  /** Every /api/* request received. */
  requests: number;
};

/** Counters since the start or the last reset; a request keeps the recorder it started with, so a reset mid-request stays clean. */
export class StatsRecorder {
  private readonly chats = new Map<string, ModelChatStats & { serving: number }>();
  private serving = 0;
  private maxServing = 0;
  private requests = 0;

  countRequest(): void {
    this.requests++;
  }

  recordChat(model: string, outcome: ChatOutcome, isLoadOnly: boolean): void {
    const counts = this.countsFor(model);
    if (outcome === "completed" && isLoadOnly) counts.loads++;
    else counts[outcome]++;
  }

  /** A generation starts being served; the returned function ends it (idempotent). */
  startServing(model: string): () => void {
    const counts = this.countsFor(model);
    counts.serving++;
    counts.maxConcurrent = Math.max(counts.maxConcurrent, counts.serving);
    this.serving++;
    this.maxServing = Math.max(this.maxServing, this.serving);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      counts.serving--;
      this.serving--;
    };
  }

  snapshot(): ServerStats {
    const chats: Record<string, ModelChatStats> = {};
    for (const [model, { completed, aborted, failed, loads, maxConcurrent }] of this.chats) {
      chats[model] = { completed, aborted, failed, loads, maxConcurrent };
    }
    return { chats, maxConcurrent: this.maxServing, requests: this.requests };
  }

  private countsFor(model: string): ModelChatStats & { serving: number } {
    let counts = this.chats.get(model);
    if (!counts) {
      counts = { completed: 0, aborted: 0, failed: 0, loads: 0, maxConcurrent: 0, serving: 0 };
      this.chats.set(model, counts);
    }
    return counts;
  }
}
