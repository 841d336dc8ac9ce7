import "./load-env";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { EnvError, parseEnv, resolveAuthSecret } from "../lib/env-schema";
import { bodyLimitFor, checkDeclaredBody } from "../lib/http/body-limits";
import { SharedPageCache } from "../lib/http/page-cache";
import { GUEST_READER_PAGE } from "../lib/reader/types";
import { createNonce } from "../lib/security/csp";
import { PRIVATE_UMASK, secureDataDir } from "../lib/security/data-dir";
import {
  CLIENT_ADDRESS_HEADER,
  CLIENT_ADDRESS_SIGNATURE_HEADER,
  clientAddressOf,
  hasSessionCookie,
  isCrossSiteEntry,
  isSameOrigin,
  isUnsafeMethod,
  signAddress,
} from "../lib/security/request";

// The app's HTTP server: Next.js behind a thin front door that decides, before Next reads a byte
// of the body, what a front door should:
// - the client's address, from the socket (or from X-Forwarded-For only as far as TRUST_PROXY
//   proxies vouch for it), passed to the app signed so it cannot be forged;
// - state-changing requests (POST, PUT, PATCH, DELETE) only from this site's own pages (Origin);
// - bodies refused at once when declared larger than their route takes (lib/http/body-limits.ts),
//   or sent without a length where the route does not count what it reads itself: Next would
//   otherwise read a whole body into memory for proxy.ts or a server action before any route runs;
// - screenshot uploads refused at once when sent without a session;
// - the lesson pages and the catalogue served from memory with a fresh nonce, to guests and
//   members alike (lib/http/page-cache.ts), and a guest's `/api/me/page` answered here.
// Started by scripts/start.ts (npm start); run on its own with the built app.

process.umask(PRIVATE_UMASK);

const GUEST_READER_JSON = JSON.stringify(GUEST_READER_PAGE);

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  // The body was not read: close the connection so the client stops sending it.
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", Connection: "close", "Cache-Control": "no-store" });
  res.end(JSON.stringify({ error: message, code }));
}

async function main() {
  let env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  secureDataDir(env.DATA_DIR);
  const secret = resolveAuthSecret(env);
  const limitOptions = { maxUploadMb: env.LAB_MAX_UPLOAD_MB };

  const app = next({ dev: false, dir: process.cwd(), port: env.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();
  const pages = new SharedPageCache({
    origin: `http://127.0.0.1:${env.PORT}`,
    ttlMs: env.GUEST_PAGE_CACHE_SECONDS * 1000,
    hasSessionCookie,
    createNonce,
  });

  // SIGTERM (a deploy, a restart) drains: not ready at once, lab cells finish or are handed back
  // within LAB_DRAIN_SECONDS, then the process exits. Liveness and readiness are answered here, so
  // a load balancer hears "not ready" even while Next is busy.
  let draining = false;
  const lifecycle = () =>
    (globalThis as unknown as { lessonLabLifecycle?: { drain: (ms: number) => Promise<unknown> } }).lessonLabLifecycle;
  const health = (res: ServerResponse, status: number, body: object) => {
    res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
    res.end(JSON.stringify(body));
  };

  const frontDoor = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/api/health/live") return health(res, 200, { status: "live", pid: process.pid });
    if (path === "/api/health/ready" && draining) return health(res, 503, { status: "draining" });
    const address = clientAddressOf({
      socketAddress: req.socket.remoteAddress,
      forwardedFor: req.headers["x-forwarded-for"],
      hops: env.TRUST_PROXY,
    });
    req.headers[CLIENT_ADDRESS_HEADER] = address;
    req.headers[CLIENT_ADDRESS_SIGNATURE_HEADER] = signAddress(address, secret);
    if (pages.admit(req) === "fill") return void handle(req, res);

    if (isUnsafeMethod(req.method) && !isCrossSiteEntry(req.method, path ?? "/")) {
      const forwardedHost = req.headers["x-forwarded-host"];
      const sameOrigin = isSameOrigin({
        origin: req.headers.origin,
        host: req.headers.host,
        forwardedHost: Array.isArray(forwardedHost) ? forwardedHost[0] : forwardedHost,
        hops: env.TRUST_PROXY,
      });
      if (!sameOrigin) {
        return refuse(
          res,
          403,
          "CROSS_ORIGIN",
          "This request did not come from a page of this site, so it was refused. Reload the page and try again.",
        );
      }
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      // Next reads the body of every other method (OPTIONS too) before any route can refuse it.
      const pathname = (req.url ?? "/").split("?")[0] ?? "/";
      const verdict = checkDeclaredBody(req.headers, bodyLimitFor(pathname, limitOptions), limitOptions);
      if (!verdict.ok) return refuse(res, verdict.status, verdict.code, verdict.message);
      if (req.method === "POST" && pathname === "/api/lab/images" && !hasSessionCookie(req.headers.cookie))
        return refuse(res, 401, "UNAUTHENTICATED", "Sign in to use the lab.");
    }
    // A guest's own parts of a shared page are always the same: answered here, Next never wakes.
    if (req.method === "GET" && path === "/api/me/page" && !hasSessionCookie(req.headers.cookie)) {
      res.writeHead(200, {
        "Content-Type": "application/json",
        "Cache-Control": "private, no-store",
        Vary: "Cookie",
        "X-Content-Type-Options": "nosniff",
      });
      return void res.end(GUEST_READER_JSON);
    }
    const cacheKey = pages.keyFor(req.method, req.url, req.headers);
    if (cacheKey) {
      pages.serve(cacheKey, req, res).then(
        (served) => served || void handle(req, res),
        () => void handle(req, res),
      );
      return;
    }
    void handle(req, res);
  };

  const server = createServer(frontDoor);
  // A body must arrive within two minutes (a 10 MB screenshot at under 1 Mbit/s); headers within 20 s.
  server.requestTimeout = 120_000;
  server.headersTimeout = 20_000;
  server.listen(env.PORT, () => {
    console.log(`Lesson Lab on http://localhost:${env.PORT} (Ollama: ${env.OLLAMA_HOSTS.join(", ")})`);
  });

  const stop = async (signal: NodeJS.Signals) => {
    if (draining) return;
    draining = true;
    const windowMs = env.LAB_DRAIN_SECONDS * 1000;
    console.log(`${signal}: draining (lab cells get up to ${env.LAB_DRAIN_SECONDS} s, then go back to the queue)`);
    // Whatever happens below, the process ends.
    setTimeout(() => process.exit(1), windowMs + 15_000).unref();
    server.close();
    try {
      const result = await lifecycle()?.drain(windowMs);
      if (result) console.log(`drained: ${JSON.stringify(result)}`);
    } catch (error) {
      console.error("drain failed:", error);
    }
    // Event streams end here: browsers reconnect, through the load balancer, to another instance.
    server.closeAllConnections();
    process.exit(0);
  };
  process.once("SIGTERM", (signal) => void stop(signal));
  process.once("SIGINT", (signal) => void stop(signal));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
