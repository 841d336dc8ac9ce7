"use client";

import { useEffect, useState } from "react";
import { readStaticProse } from "@/lib/content/static-prose-registry";

// One run of the lesson's plain prose (lib/content/server/static-prose.ts): HTML that React never
// walks. The server renders it from the process-wide registry; hydration keeps the server's DOM
// (React does not hydrate inside dangerouslySetInnerHTML, and the string given back is the DOM's
// own, so a later render writes nothing). A client navigation has no server DOM: the lesson's
// runs come from `GET /lessons/<slug>/prose`, once per lesson.

const loading = new Map<string, Promise<readonly string[]>>();

function proseOf(lesson: string): Promise<readonly string[]> {
  let runs = loading.get(lesson);
  if (!runs) {
    runs = fetch(`/lessons/${encodeURIComponent(lesson)}/prose`)
      .then((r) => (r.ok ? (r.json() as Promise<{ runs: string[] }>) : Promise.reject(new Error(String(r.status)))))
      .then((body) => body.runs)
      .catch((error: unknown) => {
        loading.delete(lesson); // the next visit tries again
        throw error;
      });
    loading.set(lesson, runs);
  }
  return runs;
}

export function StaticProse({ lesson, index }: { lesson: string; index: number }) {
  const key = `${lesson}:${index}`;
  const [html, setHtml] = useState<string | null>(() =>
    typeof document === "undefined"
      ? (readStaticProse(lesson)?.[index] ?? null)
      : (document.querySelector(`[data-static-prose="${key}"]`)?.innerHTML ?? null),
  );
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (html !== null) return;
    let live = true;
    proseOf(lesson).then(
      (runs) => live && setHtml(runs[index] ?? ""),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [html, lesson, index]);
  if (failed) {
    return (
      <p role="alert">
        Part of this lesson did not load. <a href={`/lessons/${lesson}`}>Reload the lesson</a>.
      </p>
    );
  }
  return (
    <div
      className="static-prose"
      data-static-prose={key}
      // eslint-disable-next-line no-restricted-syntax -- the lesson's own markdown, whitelisted tags and attributes, text escaped (lib/content/server/static-prose.ts); never model output
      dangerouslySetInnerHTML={{ __html: html ?? "" }}
      suppressHydrationWarning
    />
  );
}
