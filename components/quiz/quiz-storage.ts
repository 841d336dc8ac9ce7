// A guest's open attempt, kept in this browser so a reload or a closed tab loses nothing.

/** `attempt`: the guest attempt as the server issued it (a signed token, lib/quiz/server/viewer.ts). */
export type LocalAttempt = { attempt: string; answers: Record<string, string[]> };

// v1 held a seed the browser drew itself; those attempts are not the server's and are dropped.
const key = (lesson: string) => `lesson-lab:quiz:${lesson}:v2`;

export function readLocalAttempt(lesson: string): LocalAttempt | null {
  try {
    const value: unknown = JSON.parse(window.localStorage.getItem(key(lesson)) ?? "null");
    if (typeof value !== "object" || value === null) return null;
    const { attempt, answers } = value as Record<string, unknown>;
    if (typeof attempt !== "string" || typeof answers !== "object" || answers === null) return null;
    const clean = Object.fromEntries(
      Object.entries(answers as Record<string, unknown>).filter(
        (e): e is [string, string[]] => Array.isArray(e[1]) && e[1].every((id) => typeof id === "string"),
      ),
    );
    return { attempt, answers: clean };
  } catch {
    return null;
  }
}

export function writeLocalAttempt(lesson: string, attempt: LocalAttempt): boolean {
  try {
    window.localStorage.setItem(key(lesson), JSON.stringify(attempt));
    return true;
  } catch {
    return false;
  }
}

export function clearLocalAttempt(lesson: string) {
  try {
    window.localStorage.removeItem(key(lesson));
  } catch {
    // nothing to clear
  }
}

// A guest's count of submitted attempts at a quiz, as the server signed it (the review policy
// "after-attempts:N" counts them). The browser keeps it and sends it back; it cannot raise it.

const countKey = (lesson: string) => `lesson-lab:quiz:${lesson}:attempts:v1`;

export function readGuestAttempts(lesson: string): string | undefined {
  try {
    return window.localStorage.getItem(countKey(lesson)) ?? undefined;
  } catch {
    return undefined;
  }
}

export function writeGuestAttempts(lesson: string, token: string) {
  try {
    window.localStorage.setItem(countKey(lesson), token);
  } catch {
    // storage blocked: every attempt counts as the first
  }
}
