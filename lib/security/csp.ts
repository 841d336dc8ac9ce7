/**
 * The Content-Security-Policy of every response. Scripts run only with this request's nonce
 * (Next.js applies it to its own inline scripts) or when loaded by such a script; no inline
 * script without the nonce, no eval outside development, no framing, no plugins.
 */
/**
 * `frameAncestors`: the course sites (registered LTI platforms) that may frame this response; only a
 * request that says it is for a frame (Sec-Fetch-Dest: iframe) gets them, every other response
 * stays unframeable.
 */
export function buildCsp(nonce: string, { isDev = false, frameAncestors = [] as readonly string[] } = {}): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(isDev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", ...(isDev ? ["ws:"] : [])],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": frameAncestors.length ? ["'self'", ...frameAncestors] : ["'none'"],
    "frame-src": ["'none'"],
    "worker-src": ["'self'", "blob:"],
    "manifest-src": ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
