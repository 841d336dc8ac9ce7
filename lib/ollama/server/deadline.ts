import "server-only";

/**
 * One signal for the whole request, passed into fetch itself: a cancel or the timeout ends the
 * request during the load and the image prefill too, before Ollama sends its first byte.
 */
export function startDeadline(cancelled: AbortSignal | undefined, timeoutMs: number) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const cancel = () => controller.abort();
  cancelled?.addEventListener("abort", cancel, { once: true });
  // A cancel that came while /api/ps and the version were being read has already fired.
  if (cancelled?.aborted) cancel();
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    release() {
      clearTimeout(timer);
      cancelled?.removeEventListener("abort", cancel);
    },
  };
}
