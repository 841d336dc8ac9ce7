/** A counting semaphore: at most `limit` holders at once, the rest wait in order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          const i = this.waiting.indexOf(go);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(signal!.reason ?? new Error("aborted"));
        };
        const go = () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        };
        if (signal?.aborted) return onAbort();
        signal?.addEventListener("abort", onAbort, { once: true });
        this.waiting.push(go);
      });
    }
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.waiting.shift()?.();
    };
  }
}

const shared = globalThis as unknown as { lessonLabSemaphores?: Map<string, Semaphore> };

/** One queue per Ollama host and model, shared by every run in this process. */
export function semaphoreFor(key: string, limit: number): Semaphore {
  shared.lessonLabSemaphores ??= new Map();
  let semaphore = shared.lessonLabSemaphores.get(key);
  if (!semaphore) {
    semaphore = new Semaphore(limit);
    shared.lessonLabSemaphores.set(key, semaphore);
  }
  return semaphore;
}
