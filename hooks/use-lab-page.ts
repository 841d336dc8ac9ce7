"use client";

import { useCallback, useEffect, useState } from "react";
import { useSearchParams } from "next/navigation";
import { signInPath } from "@/lib/auth/paths";
import { LAB_PAGE_VERSION, labPageUrl, type LabPageData } from "@/lib/lab/types";

export type LabReaderData = Extract<LabPageData, { user: { id: string } }>;

export type LabPageState = {
  /** the reader's lab as last loaded (kept while a newer one loads, and when a reload fails) */
  data: LabReaderData | null;
  /** the `?run=` the data was loaded for */
  loadedFor: string | null;
  /** the last load failed: what to tell the reader (what is shown stays) */
  failure: string | null;
};

export const LAB_LOAD_FAILED = "Your lab could not be loaded: the server did not answer. Nothing of yours is lost; try again in a moment.";

async function fetchLabPage(lesson: string, run: string | null): Promise<LabPageData | null> {
  try {
    const response = await fetch(labPageUrl(lesson, run), { credentials: "same-origin" });
    if (!response.ok) return null;
    const page = (await response.json()) as LabPageData;
    return page?.v === LAB_PAGE_VERSION ? page : null;
  } catch {
    return null;
  }
}

/**
 * A reader's lab, loaded after the shared HTML (docs/shared-pages-design.md §4): their runs, the
 * run `?run=` names, the Ollama pool, their write-up. It loads again when the address names another
 * run and when `reload` is called (a run ended, a model was pulled, the write-up was submitted:
 * what `router.refresh()` did when the page was rendered per reader). Without a session the reader
 * is sent to sign in and back here.
 */
export function useLabPage(lesson: string) {
  const run = useSearchParams().get("run");
  const [state, setState] = useState<LabPageState>({ data: null, loadedFor: null, failure: null });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let cancelled = false;
    void fetchLabPage(lesson, run).then((page) => {
      if (cancelled) return;
      if (!page) return setState((s) => ({ ...s, failure: LAB_LOAD_FAILED }));
      if (!page.user) return location.assign(signInPath(`${location.pathname}${location.search}`));
      setState({ data: page, loadedFor: run, failure: null });
    });
    return () => {
      cancelled = true;
    };
  }, [lesson, run, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { ...state, run, reload };
}
