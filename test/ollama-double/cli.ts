import { parseArgs } from "node:util";
import { resolveProfile, type Profile } from "./engine";
import { startOllamaTestServer, type RequestLogEntry } from "./test-server";

const USAGE = "usage: ollama-test-server [--port 11435] [--host 127.0.0.1] [--engine llama-server|go] [--ollama-version 0.32.15]";

function readOptions(): { port: number; host: string; profile: Profile } {
  let values: { port?: string; host?: string; engine?: string; "ollama-version"?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string", default: "11435" },
        host: { type: "string", default: "127.0.0.1" },
        engine: { type: "string" },
        "ollama-version": { type: "string" },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`--port must be a port number, got "${values.port}"\n${USAGE}`);
    process.exit(2);
  }
  let profile: Profile;
  try {
    profile = resolveProfile({ engine: values.engine, version: values["ollama-version"] });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  return { port, host: values.host ?? "127.0.0.1", profile };
}

function describe(entry: RequestLogEntry): string {
  const parts = [entry.method, entry.path];
  if (entry.model) parts.push(entry.model);
  if (entry.path === "/api/chat") parts.push(`images=${entry.images.count}`);
  parts.push(`-> ${entry.status ?? "aborted"}`);
  if (entry.aborted) parts.push("(client aborted)");
  if (entry.error) parts.push(`(${entry.error})`);
  return parts.join(" ");
}

async function main(): Promise<void> {
  const { port, host, profile } = readOptions();
  const server = await startOllamaTestServer({
    port,
    host,
    ...profile,
    onRequestEnd: (entry) => console.log(`${new Date().toISOString()} ${describe(entry)}`),
  });
  console.log(
    `Ollama TEST DOUBLE (not a model) listening on ${server.url} as ${profile.engine} ${profile.version} — point OLLAMA_HOST here`,
  );
  console.log(
    `Control: POST ${server.url}/__test/failure | latency | vram | engine | behaviour | thinking | reset, GET ${server.url}/__test/log`,
  );

  const stop = (signal: NodeJS.Signals) => {
    console.log(`${signal}: stopping the Ollama test double`);
    void server.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === "EADDRINUSE" ? "That port is in use: pick another with --port N." : error);
  process.exit(1);
});
