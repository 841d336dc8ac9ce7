// Where a lesson's prose runs (lib/content/server/static-prose.ts) wait for the server render of
// the client component that shows them (components/lesson/static-prose.tsx). Next renders server
// components and the HTML of client components in separate module graphs of the same process, so
// the hand-over is a process-wide map, written once per lesson and build. In the browser it is
// empty: there the runs come from the page's own DOM, or from `GET /lessons/<slug>/prose`.

type Registry = Map<string, readonly string[]>;

const KEY = Symbol.for("lesson-lab.static-prose");

function registry(): Registry {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (holder[KEY] ??= new Map());
}

export function publishStaticProse(lesson: string, runs: readonly string[]): void {
  registry().set(lesson, runs);
}

export function readStaticProse(lesson: string): readonly string[] | undefined {
  return registry().get(lesson);
}
