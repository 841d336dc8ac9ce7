import nextEnv from "@next/env";

// The same .env files Next.js reads (.env, .env.production, .env.local…), so the CLI scripts and
// the server agree on every setting.
nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
