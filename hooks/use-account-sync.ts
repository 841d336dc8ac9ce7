"use client";

import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from "react";
import { useRouter } from "next/navigation";
import { mergeLocalProgressAction } from "@/app/actions";
import { setStepDoneAction } from "@/app/lessons/[slug]/actions";
import { callAction } from "@/hooks/use-action";
import { readLocalProgress, writeLocalProgress } from "@/components/progress/local-progress";
import { readOutbox, removeFromOutbox, type PendingStep } from "@/components/progress/step-outbox";
import { emptyProgress, isEmptyProgress, type ProgressDoc } from "@/lib/progress/model";
import { withStep } from "@/lib/progress/steps";

// Says to reload, not to try again in a moment: the copy is tried once a page.
const MERGE_FAILED = "Your progress from this browser could not be copied to your account yet. It is still here; reload to try again.";

export type AccountSync = {
  account: ProgressDoc;
  setAccount: Dispatch<SetStateAction<ProgressDoc>>;
  /** Sends one step change; it stays in the outbox until the server has it. */
  sendStep: (entry: PendingStep, before?: ProgressDoc) => void;
};

/**
 * A signed-in reader's progress and its way to the server: guest progress left in this browser is
 * merged into the account, and step changes a reload cut off are shown and sent again.
 */
export function useAccountSync({
  initial,
  isSignedIn,
  accountId,
  setMessage,
}: {
  initial: ProgressDoc | null;
  isSignedIn: boolean;
  accountId?: string;
  setMessage: (message: string | null) => void;
}): AccountSync {
  const [account, setAccount] = useState<ProgressDoc>(initial ?? emptyProgress());
  const merging = useRef(false);
  const router = useRouter();

  // Signed in with guest progress still in this browser: merge it into the account, then clear it.
  useEffect(() => {
    if (!isSignedIn || merging.current) return;
    const guest = readLocalProgress();
    if (isEmptyProgress(guest)) return;
    merging.current = true;
    void callAction(() => mergeLocalProgressAction(guest)).then((result) => {
      if (!result.ok) return setMessage(result.code === "NO_RESPONSE" ? MERGE_FAILED : result.message);
      setAccount(result.value);
      writeLocalProgress(emptyProgress());
      // What the server renders from the account (concept mastery on the lesson map) now includes the guest's answers.
      router.refresh();
    });
  }, [isSignedIn, router, setMessage]);

  const sendStep = useCallback(
    (entry: PendingStep, before?: ProgressDoc) => {
      void callAction(
        () => setStepDoneAction({ lesson: entry.lesson, step: entry.step, done: entry.done }),
        // With an account's outbox the change is not lost: it goes again with the next page.
        accountId ? undefined : "that change was not saved",
      ).then((result) => {
        if (result.ok) {
          if (accountId) removeFromOutbox(accountId, entry.id);
          return setMessage(null);
        }
        if (result.code === "NO_RESPONSE" && accountId) {
          return setMessage("That change is kept in this browser and will be saved when the server answers again.");
        }
        if (accountId) removeFromOutbox(accountId, entry.id);
        setMessage(result.message);
        if (before) setAccount(before);
      });
    },
    [accountId, setMessage],
  );

  // Changes a reload or a closed tab cut off: show them at once, and send them again.
  const replayed = useRef(false);
  useEffect(() => {
    if (!isSignedIn || !accountId || replayed.current) return;
    replayed.current = true;
    const pending = readOutbox(accountId);
    if (!pending.length) return;
    // After hydration (the server rendered without them), in a task of its own.
    void Promise.resolve().then(() => setAccount((doc) => pending.reduce((d, p) => withStep(d, p.lesson, p.step, p.done, p.at), doc)));
    for (const entry of pending) sendStep(entry);
  }, [isSignedIn, accountId, sendStep]);

  return { account, setAccount, sendStep };
}
