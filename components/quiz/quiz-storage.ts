// A guest's open attempt, kept in this browser so a reload or a closed tab loses nothing.

export type LocalAttempt = { seed: string; answers: Record<string, string[]> };

const key = (lesson: string) => `lesson-lab:quiz:${lesson}:v1`;

export function readLocalAttempt(lesson: string): LocalAttempt | null {
  try {
    const value: unknown = JSON.parse(window.localStorage.getItem(key(lesson)) ?? "null");
    if (typeof value !== "object" || value === null) return null;
    const { seed, answers } = value as Record<string, unknown>;
    if (typeof seed !== "string" || typeof answers !== "object" || answers === null) return null;
    const clean = Object.fromEntries(
      Object.entries(answers as Record<string, unknown>).filter(
        (e): e is [string, string[]] => Array.isArray(e[1]) && e[1].every((id) => typeof id === "string"),
      ),
    );
    return { seed, answers: clean };
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
