// A signed-in student's step changes wait here, in this browser, until the server has them: a
// reload or a closed tab while a save is in flight would otherwise lose the change. The provider
// sends what is here again when the next page opens. One entry per step (the latest change wins);
// entries older than a day are dropped rather than replayed over newer work from another device.

export type PendingStep = { id: string; lesson: string; step: string; done: boolean; at: string };

const MAX_AGE_MS = 24 * 60 * 60 * 1000;
const keyFor = (account: string) => `lesson-lab:step-outbox:v1:${account}`;

function isPending(value: unknown): value is PendingStep {
  const v = value as PendingStep;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.id === "string" &&
    typeof v.lesson === "string" &&
    typeof v.step === "string" &&
    typeof v.done === "boolean" &&
    typeof v.at === "string" &&
    Number.isFinite(Date.parse(v.at))
  );
}

export function readOutbox(account: string): PendingStep[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(keyFor(account)) ?? "[]");
    const now = Date.now();
    return Array.isArray(parsed) ? parsed.filter(isPending).filter((p) => now - Date.parse(p.at) < MAX_AGE_MS) : [];
  } catch {
    return [];
  }
}

function writeOutbox(account: string, entries: PendingStep[]): boolean {
  try {
    if (entries.length) window.localStorage.setItem(keyFor(account), JSON.stringify(entries));
    else window.localStorage.removeItem(keyFor(account));
    return true;
  } catch {
    return false;
  }
}

/** Keeps a change until the server confirms it; a newer change to the same step replaces it. */
export function addToOutbox(account: string, entry: PendingStep): boolean {
  return writeOutbox(account, [...readOutbox(account).filter((p) => p.lesson !== entry.lesson || p.step !== entry.step), entry]);
}

/** The server has this change (or refused it for good): forget it, unless a newer one replaced it. */
export function removeFromOutbox(account: string, id: string): void {
  const entries = readOutbox(account);
  if (entries.some((p) => p.id === id))
    writeOutbox(
      account,
      entries.filter((p) => p.id !== id),
    );
}
