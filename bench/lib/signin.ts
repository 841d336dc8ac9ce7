// Signing in over HTTP the way the sign-in form does (Auth.js credentials callback with its CSRF
// token), and the class-signing-in-at-once burst: used by bench/signin-burst.ts and `npm run bench`.

export type SignInResult = { ms: number; ok: boolean; status: number; cookie: string };

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** Signs in; `cookie` is the Cookie header a browser would send afterwards (the session included). */
export async function signIn(baseURL: string, email: string, password: string): Promise<SignInResult> {
  const csrf = await fetch(`${baseURL}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map(cookiesOf(csrf).map((c) => [c.slice(0, c.indexOf("=")), c]));
  const started = performance.now();
  const response = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseURL, cookie: [...jar.values()].join("; ") },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/" }),
  });
  const ms = performance.now() - started;
  await response.arrayBuffer();
  for (const c of cookiesOf(response)) jar.set(c.slice(0, c.indexOf("=")), c);
  const location = response.headers.get("location") ?? "";
  const ok = response.status === 302 && !location.includes("error") && [...jar.keys()].some((k) => k.endsWith("session-token"));
  return { ms, ok, status: response.status, cookie: [...jar.values()].join("; ") };
}

export type BurstResult = { signIns: SignInResult[]; wallMs: number; health: number[]; healthFailures: number };

/**
 * Every account signs in at the same moment while /api/health is asked every 50 ms (from before
 * the burst until the last sign-in has its answer).
 */
export async function signInBurst(baseURL: string, accounts: readonly { email: string }[], password: string): Promise<BurstResult> {
  const health: number[] = [];
  let healthFailures = 0;
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const started = performance.now();
      const ok = await fetch(`${baseURL}/api/health`).then(
        async (r) => (await r.arrayBuffer(), r.ok),
        () => false,
      );
      health.push(performance.now() - started);
      if (!ok) healthFailures++;
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  await new Promise((r) => setTimeout(r, 100));
  const started = performance.now();
  const signIns = await Promise.all(accounts.map((a) => signIn(baseURL, a.email, password)));
  const wallMs = performance.now() - started;
  polling = false;
  await poller;
  return { signIns, wallMs, health, healthFailures };
}
