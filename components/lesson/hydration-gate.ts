// When a lazily hydrated part of the page (components/lesson/hydrate-when-near.tsx) may hydrate:
// when it comes within a screen of the viewport (one IntersectionObserver for all of them), or at
// the first pointer, focus or key inside it.
//
// The interaction case must be synchronous: React's own capture listener on the document tries to
// hydrate the part under a click before dispatching it, and a part still waiting would lose the
// click. So a capture listener on the window (which runs first) marks the part open, and `Gate`
// reads that mark before waiting on anything.

const INTERACTIONS = ["pointerdown", "focusin", "keydown"] as const;
const ATTRIBUTE = "data-hydrate-when-near";

const opened = new Set<string>();
const waiting = new Map<string, { promise: Promise<void>; resolve: () => void }>();
let observer: IntersectionObserver | null = null;
let listening = false;
let hydrated = false;

/** True once the page's first hydration has committed (later renders are client navigations). */
export function hasHydrated(): boolean {
  return hydrated;
}

/** Called once the page's first hydration has committed. */
export function markHydrated(): void {
  hydrated = true;
}

export function isOpen(id: string): boolean {
  return opened.has(id);
}

function open(id: string): void {
  if (opened.has(id)) return;
  opened.add(id);
  waiting.get(id)?.resolve();
}

function listen(): void {
  if (listening) return;
  listening = true;
  for (const type of INTERACTIONS) {
    window.addEventListener(
      type,
      (event) => {
        const part = event.target instanceof Element ? event.target.closest(`[${ATTRIBUTE}]`) : null;
        const id = part?.getAttribute(ATTRIBUTE);
        if (id) open(id);
      },
      { capture: true, passive: true },
    );
  }
  if (typeof IntersectionObserver === "undefined") return;
  observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer?.unobserve(entry.target);
        const id = entry.target.getAttribute(ATTRIBUTE);
        if (id) open(id);
      }
    },
    // within a screen's height of the viewport, so it is ready by the time the reader gets there
    { rootMargin: "100% 0px" },
  );
}

/** Resolves when the wrapper `data-hydrate-when-near={id}` nears the viewport or is used. */
export function whenNear(id: string): Promise<void> {
  let gate = waiting.get(id);
  if (!gate) {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    gate = { promise, resolve };
    waiting.set(id, gate);
    listen();
    const element = document.querySelector(`[${ATTRIBUTE}="${CSS.escape(id)}"]`);
    if (!element || !observer) open(id);
    else observer.observe(element);
  }
  return gate.promise;
}
