// Deterministic shuffling: the same attempt seed gives the same order on every load, in the
// browser and on the server, and another attempt gives another order.

function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random number source in [0, 1) fixed by `seed` and `salt`. */
export function seededRandom(seed: string, salt = ""): () => number {
  return mulberry32(hashString(`${seed}:${salt}`));
}

/** A whole number in 0..n-1 fixed by `seed` and `salt`. */
export function seededIndex(n: number, seed: string, salt = ""): number {
  return Math.floor(seededRandom(seed, salt)() * n);
}

/** A permutation of `items` fixed by `seed` and `salt` (Fisher-Yates). */
export function seededShuffle<T>(items: readonly T[], seed: string, salt = ""): T[] {
  const random = seededRandom(seed, salt);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function newSeed(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
