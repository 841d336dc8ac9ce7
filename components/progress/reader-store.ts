import { mergeLocalProgressAction } from "@/app/actions";
import { recordVisitAction, setStepDoneAction } from "@/app/lessons/[slug]/actions";
import { callAction } from "@/hooks/use-action";
import { readLocalProgress, writeLocalProgress } from "@/components/progress/local-progress";
import { addToOutbox, readOutbox, removeFromOutbox, type PendingStep } from "@/components/progress/step-outbox";
import { emptyProgress, isEmptyProgress, mergeProgress, type CheckResult, type ProgressDoc } from "@/lib/progress/model";
import { withStep, withVisit } from "@/lib/progress/steps";
import type { QuizResult } from "@/lib/quiz/result";
import { READER_PAGE_VERSION, readerPageUrl, readerQueryFor, type ReaderPage, type SignedInReaderPage } from "@/lib/reader/types";

// Who reads the page and what is theirs, in one module-level store (not a React context: check
// cards and explorables hydrate late, and a context change would force them to hydrate at once).
//
// The shared HTML is the same for everyone. `<html data-reader>` says at once whether a session
// cookie came with the page (the front door stamps it), so CSS shows the right header variant
// before any script runs; the reader's own parts arrive from `GET /api/me/page`, fetched once per
// pathname. A guest's progress lives in this browser; an account's comes with that JSON and
// changes here first, then on the server (unsent step changes wait in an outbox).

export type ReaderStatus = "pending" | "guest" | "member";

export type ReaderState = {
  /** pending: before hydration, or no flag on the page; then the flag's word; then the JSON's */
  status: ReaderStatus;
  /** the signed-in reader's JSON for the current pathname, once it arrived */
  me: SignedInReaderPage | null;
  /** the account's progress document (members), with unsent step changes applied */
  account: ProgressDoc;
  /** what went wrong with saving progress, said at the bottom of the page */
  message: string | null;
};

// Says to reload, not to try again in a moment: the copy is tried once a page.
const MERGE_FAILED = "Your progress from this browser could not be copied to your account yet. It is still here; reload to try again.";

// Said when a member's own parts did not arrive: the steps stay disabled rather than wrong.
const LOAD_FAILED = "Your progress did not load (the server did not answer). Reload the page to see it and to mark steps done.";

const SERVER_STATE: ReaderState = { status: "pending", me: null, account: emptyProgress(), message: null };

let state: ReaderState | null = null;
const listeners = new Set<() => void>();

function flagStatus(): ReaderStatus {
  const flag = typeof document === "undefined" ? undefined : document.documentElement.dataset.reader;
  return flag === "member" || flag === "guest" ? flag : "pending";
}

export function getReaderState(): ReaderState {
  state ??= { ...SERVER_STATE, status: flagStatus() };
  return state;
}

export const getServerReaderState = (): ReaderState => SERVER_STATE;

export function subscribeReader(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function update(patch: Partial<ReaderState> | ((s: ReaderState) => Partial<ReaderState>)): void {
  const current = getReaderState();
  state = { ...current, ...(typeof patch === "function" ? patch(current) : patch) };
  for (const listener of listeners) listener();
}

/** Shows the header variant the JSON settled on (a session that expired turns a member back into a guest). */
function setFlag(status: "member" | "guest"): void {
  if (document.documentElement.dataset.reader !== status) document.documentElement.dataset.reader = status;
}

const withOutbox = (doc: ProgressDoc, accountId: string) =>
  readOutbox(accountId).reduce((d, p) => withStep(d, p.lesson, p.step, p.done, p.at), doc);

// ---- loading ---------------------------------------------------------------------------------

let loadSeq = 0;
let loadedPath: string | null = null;
/** accounts whose outbox was replayed and whose guest progress was merged, in this page's life */
const started = new Set<string>();

/** Fetches the reader's parts for `pathname` (once per pathname and server render, unless `force`). */
export async function loadReader(pathname: string, { force = false, renderId = "" } = {}): Promise<void> {
  const key = `${pathname}#${renderId}`;
  if (!force && loadedPath === key) return;
  loadedPath = key;
  const seq = ++loadSeq;
  let page: ReaderPage;
  try {
    // The same request as the page's `Link` preload (same-origin credentials, the default cache
    // mode), so the first one is answered from it; the answer is `no-store`, never kept after that.
    const response = await fetch(readerPageUrl(readerQueryFor(pathname)), { credentials: "same-origin" });
    if (!response.ok) throw new Error(String(response.status));
    page = (await response.json()) as ReaderPage;
    if (page?.v !== READER_PAGE_VERSION) throw new Error("unknown reader page");
  } catch {
    // Kept as it was (a member's page stays a member's, without the parts); the next pathname tries again.
    if (seq !== loadSeq) return;
    loadedPath = null;
    const { status, me } = getReaderState();
    if (status === "member" && !me) update({ message: LOAD_FAILED });
    return;
  }
  if (seq !== loadSeq) return;
  if (!page.user) {
    setFlag("guest");
    update({ status: "guest", me: null, account: emptyProgress() });
    return;
  }
  const me = page;
  setFlag("member");
  update((s) => ({
    status: "member",
    me,
    account: withOutbox(me.progress, me.user.id),
    ...(s.message === LOAD_FAILED ? { message: null } : {}),
  }));
  if (!started.has(me.user.id)) {
    started.add(me.user.id);
    replayOutbox(me.user.id);
    mergeGuestProgress();
  }
}

/** Asks again for the current pathname's parts (after a merge, a sign-in or a page restored from the back/forward cache). */
export function refetchReader(): Promise<void> {
  return loadReader(window.location.pathname, { force: true });
}

// ---- accounts: merging and sending ---------------------------------------------------------------

let merging = false;

/** Signed in with guest progress still in this browser: merge it into the account, then clear it. */
function mergeGuestProgress(): void {
  const guest = readLocalProgress();
  if (merging || isEmptyProgress(guest)) return;
  merging = true;
  void callAction(() => mergeLocalProgressAction(guest)).then((result) => {
    merging = false;
    if (!result.ok) return update({ message: result.code === "NO_RESPONSE" ? MERGE_FAILED : result.message });
    const accountId = getReaderState().me?.user.id;
    if (accountId) update({ account: withOutbox(result.value, accountId) });
    writeLocalProgress(emptyProgress());
    // The mastery the server computes for the lesson map now includes the guest's answers.
    void refetchReader();
  });
}

/** Changes a reload or a closed tab cut off are already shown (withOutbox); this sends them again. */
function replayOutbox(accountId: string): void {
  for (const entry of readOutbox(accountId)) sendStep(accountId, entry);
}

function sendStep(accountId: string, entry: PendingStep, before?: ProgressDoc): void {
  void callAction(() => setStepDoneAction({ lesson: entry.lesson, step: entry.step, done: entry.done })).then((result) => {
    if (result.ok) {
      removeFromOutbox(accountId, entry.id);
      return update({ message: null });
    }
    // With an account's outbox the change is not lost: it goes again with the next page.
    if (result.code === "NO_RESPONSE") {
      return update({ message: "That change is kept in this browser and will be saved when the server answers again." });
    }
    removeFromOutbox(accountId, entry.id);
    update({ message: result.message, ...(before ? { account: before } : {}) });
  });
}

// ---- what components call ----------------------------------------------------------------------------

const memberId = (): string | null => {
  const s = getReaderState();
  return s.status === "member" ? (s.me?.user.id ?? null) : null;
};

export function setStepDone(lesson: string, step: string, done: boolean): void {
  const at = new Date().toISOString();
  const accountId = memberId();
  if (!accountId) {
    if (!writeLocalProgress(withStep(readLocalProgress(), lesson, step, done, at))) {
      update({ message: "This browser does not allow saving progress (storage is blocked or full)." });
    }
    return;
  }
  const before = getReaderState().account;
  update({ account: withStep(before, lesson, step, done, at) });
  const entry: PendingStep = { id: `${at}:${Math.random().toString(36).slice(2)}`, lesson, step, done, at };
  addToOutbox(accountId, entry);
  sendStep(accountId, entry, before);
}

export function recordVisit(lesson: string): void {
  const at = new Date().toISOString();
  if (!memberId()) {
    writeLocalProgress(withVisit(readLocalProgress(), lesson, at));
    return;
  }
  update((s) => ({ account: withVisit(s.account, lesson, at) }));
  // A visit is a nicety: a failed one is not worth a message.
  void callAction(() => recordVisitAction(lesson));
}

/** Adds a graded result to the reader's progress; `refusal` is said when this browser cannot keep it. */
function record(add: (doc: ProgressDoc) => ProgressDoc, refusal: string): void {
  if (!memberId()) {
    if (!writeLocalProgress(add(readLocalProgress()))) update({ message: refusal });
    return;
  }
  update((s) => ({ account: add(s.account) }));
}

/** A graded quiz: best and latest follow at once (the server already stored it for accounts). */
export function recordQuizResult(lesson: string, result: QuizResult): void {
  record(
    (doc) => mergeProgress(doc, { ...emptyProgress(), quizzes: { [lesson]: { best: result, latest: result } } }),
    "This browser does not allow saving your score (storage is blocked or full).",
  );
}

/** A graded in-lesson check: the latest answer per check (the server already stored it for accounts). */
export function recordCheckResult(lesson: string, checkId: string, result: CheckResult): void {
  record(
    (doc) => mergeProgress(doc, { ...emptyProgress(), checks: { [lesson]: { [checkId]: result } } }),
    "This browser does not allow saving your answer (storage is blocked or full).",
  );
}

export function dismissProgressMessage(): void {
  update({ message: null });
}

/** Signing out: nothing of the account stays on the page, and the next page asks again. */
export function forgetReader(): void {
  loadedPath = null;
  started.clear();
  setFlag("guest");
  update({ status: "guest", me: null, account: emptyProgress(), message: null });
}
