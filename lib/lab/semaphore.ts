import { Semaphore } from "@/lib/semaphore";

export { Semaphore };

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
