import { emptyProgress, isProgressDoc, type ProgressDoc } from "@/lib/progress/model";

// Guests' progress lives in this browser. Reads are cached by the raw string so React's
// useSyncExternalStore sees a stable snapshot.

export const LOCAL_PROGRESS_KEY = "lesson-lab:progress:v1";
const CHANGE_EVENT = "lesson-lab:progress";

let cachedRaw: string | null | undefined;
let cachedDoc: ProgressDoc = emptyProgress();

export function readLocalProgress(): ProgressDoc {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(LOCAL_PROGRESS_KEY);
  } catch {
    // Storage blocked (private mode, policy): behave as empty.
  }
  if (raw === cachedRaw) return cachedDoc;
  cachedRaw = raw;
  let doc = emptyProgress();
  if (raw) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (isProgressDoc(parsed)) doc = parsed;
    } catch {
      // A corrupt copy is ignored, not thrown at the reader.
    }
  }
  cachedDoc = doc;
  return doc;
}

export function writeLocalProgress(doc: ProgressDoc): boolean {
  try {
    window.localStorage.setItem(LOCAL_PROGRESS_KEY, JSON.stringify(doc));
    window.dispatchEvent(new Event(CHANGE_EVENT));
    return true;
  } catch {
    return false;
  }
}

export function subscribeLocalProgress(onChange: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === LOCAL_PROGRESS_KEY) onChange();
  };
  window.addEventListener("storage", onStorage);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onStorage);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}
