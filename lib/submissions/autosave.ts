import { fail, type ActionFailure, type ActionResult } from "@/lib/action-result";
import type { ErrorCode } from "@/lib/errors/table";

// The scheduling half of autosave, with no React in it (hooks/use-autosave.ts wraps it): edits wait
// SAVE_DELAY_MS for typing to pause, one save is in flight at a time, and the save after it starts
// from the newest value and the revision the last one got.

export const SAVE_DELAY_MS = 800;

export type SaveStatus =
  { kind: "saved"; at: string | null } | { kind: "pending" } | { kind: "saving" } | { kind: "failed"; code: ErrorCode; message: string };

/** What a save returns: when it was saved, and the new revision when the record has one. */
export type SavedDraft = { savedAt: string; revision?: number };

export type Timers = {
  set: (run: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
};

const realTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type AutosaverOptions<V> = {
  initial: V;
  savedAt: string | null;
  /** the server's revision of `initial`, sent with each save so a save over another tab's is refused */
  revision?: number;
  /** must resolve (a network failure as NO_RESPONSE), not reject */
  save: (value: V, revision: number | undefined) => Promise<ActionResult<SavedDraft>>;
  onStatus: (status: SaveStatus) => void;
  /** after a save; `upToDate` when nothing was typed meanwhile */
  onSaved?: (value: V, upToDate: boolean) => void;
  onFailure?: (failure: ActionFailure) => void;
  /**
   * Failures that stay shown while typing goes on (another tab's save, a submitted write-up): they
   * need the person to act, so "Unsaved changes…" must not hide them.
   */
  holdOn?: readonly ErrorCode[];
  /** said instead of the generic text when the server does not answer */
  noResponseMessage?: string;
  delayMs?: number;
  timers?: Timers;
};

/** Two drafts are the same when they serialise the same (drafts are plain JSON). */
export const sameDraft = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The status after an edit: pending, unless a failure that needs the person to act is shown. */
export function statusAfterEdit(status: SaveStatus, holdOn: readonly ErrorCode[] = []): SaveStatus {
  return status.kind === "failed" && holdOn.includes(status.code) ? status : { kind: "pending" };
}

export type Autosaver<V> = ReturnType<typeof createAutosaver<V>>;

/** The callbacks a caller may swap after creation (a component's newest closures). */
export type AutosaverCallbacks<V> = Pick<AutosaverOptions<V>, "save" | "onSaved" | "onFailure">;

export function createAutosaver<V>(initialOptions: AutosaverOptions<V>) {
  let options = initialOptions;
  const timers = options.timers ?? realTimers;
  const delay = options.delayMs ?? SAVE_DELAY_MS;
  let latest = options.initial;
  let saved = options.initial;
  let revision = options.revision;
  let status: SaveStatus = { kind: "saved", at: options.savedAt };
  let timer: unknown = null;
  let inFlight: Promise<void> | null = null;

  const setStatus = (next: SaveStatus) => {
    status = next;
    options.onStatus(next);
  };
  const cancel = () => {
    if (timer !== null) timers.clear(timer);
    timer = null;
  };

  async function saveOnce(toSave: V): Promise<void> {
    setStatus({ kind: "saving" });
    let result: ActionResult<SavedDraft>;
    try {
      result = await options.save(toSave, revision);
    } catch {
      result = fail("NO_RESPONSE");
    }
    if (result.ok) {
      if (typeof result.value.revision === "number") revision = result.value.revision;
      saved = toSave;
      options.onSaved?.(toSave, sameDraft(latest, toSave));
      setStatus({ kind: "saved", at: result.value.savedAt });
      return;
    }
    const failure = result.code === "NO_RESPONSE" && options.noResponseMessage ? { ...result, message: options.noResponseMessage } : result;
    setStatus({ kind: "failed", code: failure.code, message: failure.message });
    options.onFailure?.(failure);
  }

  /** Saves now what is unsaved, after any save already under way. */
  async function flush(): Promise<void> {
    cancel();
    // Each waiter re-checks: the save it waited on may have been followed by another.
    while (inFlight) await inFlight;
    if (sameDraft(latest, saved)) {
      if (status.kind === "pending") setStatus({ kind: "saved", at: null });
      return;
    }
    const run = saveOnce(latest);
    inFlight = run;
    try {
      await run;
    } finally {
      inFlight = null;
    }
  }

  return {
    configure(callbacks: AutosaverCallbacks<V>) {
      options = { ...options, ...callbacks };
    },
    /** Takes a new value and saves it once typing pauses. */
    edit(value: V) {
      latest = value;
      setStatus(statusAfterEdit(status, options.holdOn));
      cancel();
      timer = timers.set(() => void flush(), delay);
    },
    flush,
    cancel,
    latest: () => latest,
    revision: () => revision,
    status: () => status,
    isSaved: () => sameDraft(latest, saved),
    /** A failure met outside a save (loading the server's copy) shown where a save's would be. */
    showFailure(failure: ActionFailure) {
      setStatus({ kind: "failed", code: failure.code, message: failure.message });
    },
    /** The server's copy replaces this one (after "Load the saved version"). */
    reset(value: V, next: { savedAt: string | null; revision?: number }) {
      cancel();
      latest = value;
      saved = value;
      revision = next.revision;
      setStatus({ kind: "saved", at: next.savedAt });
    },
    /** This copy is to be saved over the server's, now at `next.revision` (after "Keep this one"). */
    rebase(serverValue: V, next: { revision?: number }) {
      saved = serverValue;
      revision = next.revision;
      setStatus({ kind: "pending" });
      return flush();
    },
  };
}
