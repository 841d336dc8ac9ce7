// Vitest runs lib/ code outside Next.js, where the real `server-only` marker would throw.
export {};
