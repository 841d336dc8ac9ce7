"use client";

import { useCallback, useState, useTransition } from "react";
import { fail, type ActionFailure, type ActionResult } from "@/lib/action-result";
import { messageOf } from "@/lib/errors/table";

export type UseActionOptions = {
  /**
   * What the page keeps when the server does not answer, said after the message
   * ("your answers stay on this page"); the code is NO_RESPONSE.
   */
  kept?: string;
};

export type UseAction<Args extends unknown[], T> = {
  /** Calls the action in a transition; resolves with its result, never rejects. */
  run: (...args: Args) => Promise<ActionResult<T>>;
  isPending: boolean;
  /** the latest failure, until the next call succeeds or `clear()` */
  failure: ActionFailure | null;
  clear: () => void;
};

/**
 * The client side of every server action call: a pending state, the failure to show (from the
 * action's own ActionResult, or NO_RESPONSE when the server did not answer at all), and a result
 * the caller can act on. A network failure never throws into the component.
 */
export function useAction<Args extends unknown[], T>(
  action: (...args: Args) => Promise<ActionResult<T>>,
  options: UseActionOptions = {},
): UseAction<Args, T> {
  const [isPending, startTransition] = useTransition();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const { kept } = options;

  const run = useCallback(
    (...args: Args) =>
      new Promise<ActionResult<T>>((resolve) => {
        startTransition(async () => {
          const result = await callAction(() => action(...args), kept);
          setFailure(result.ok ? null : result);
          resolve(result);
        });
      }),
    [action, kept],
  );
  const clear = useCallback(() => setFailure(null), []);
  return { run, isPending, failure, clear };
}

/** An action call outside a hook (an autosave timer, an effect): the same NO_RESPONSE mapping. */
export async function callAction<T>(call: () => Promise<ActionResult<T>>, kept?: string): Promise<ActionResult<T>> {
  try {
    return await call();
  } catch {
    return fail("NO_RESPONSE", kept ? `The server did not answer. Try again in a moment; ${kept}.` : messageOf("NO_RESPONSE"));
  }
}
