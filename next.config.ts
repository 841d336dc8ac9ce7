import type { NextConfig } from "next";
import { EnvError, parseEnv } from "./lib/env-schema";
import { SERVER_ACTION_BODY_BYTES } from "./lib/http/body-limits";

// Validate the environment before anything builds or serves: a bad value stops here with a
// message naming the variable.
try {
  parseEnv(process.env);
} catch (error) {
  if (error instanceof EnvError) {
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), browsing-topics=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm test` type-checks the whole project (npm run typecheck) beside the unit tests, so the build
  // its end-to-end tests make skips Next's second pass over the same types (about 20 s here).
  typescript: { ignoreBuildErrors: process.env.LESSON_LAB_TYPES_CHECKED === "1" },
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "bcryptjs",
    "sharp",
    "undici",
    "tesseract.js",
    "@tesseract.js-data/eng",
  ],
  experimental: {
    authInterrupts: true,
    // The front door (scripts/server.ts) refuses larger bodies before Next reads them; these keep
    // Next's own buffering to the same size when something reaches it another way.
    serverActions: { bodySizeLimit: SERVER_ACTION_BODY_BYTES },
    proxyClientMaxBodySize: SERVER_ACTION_BODY_BYTES,
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Older browsers' framing rule, for every response not asked for by a frame. A framed request
      // (an LTI launch inside a course site) is decided by the CSP's frame-ancestors, which names
      // the registered course sites only (proxy.ts).
      {
        source: "/:path*",
        missing: [{ type: "header", key: "sec-fetch-dest", value: "iframe" }],
        headers: [{ key: "X-Frame-Options", value: "DENY" }],
      },
    ];
  },
};

export default nextConfig;
