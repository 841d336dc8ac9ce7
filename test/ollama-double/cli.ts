import { parseCliArgs } from "./cli-options";
import { describeRequest } from "./request-log";
import { startOllamaTestServer } from "./test-server";

async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (!parsed.ok) {
    (parsed.exitCode === 0 ? console.log : console.error)(parsed.message);
    process.exit(parsed.exitCode);
  }
  const { port, host, profile, parallelPerModel } = parsed.options;
  const server = await startOllamaTestServer({
    port,
    host,
    ...profile,
    parallelPerModel,
    onRequestEnd: (entry) => console.log(describeRequest(entry)),
  });
  // Handlers first: whoever reads the "listening" line may signal at once.
  const stop = (signal: NodeJS.Signals) => {
    console.log(`${signal}: stopping the Ollama test double`);
    void server.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  const parallel = parallelPerModel === null ? "" : `, ${parallelPerModel} generation(s) per model at a time`;
  console.log(
    `Ollama TEST DOUBLE (not a model) listening on ${server.url} as ${profile.engine} ${profile.version}${parallel} — point OLLAMA_HOST here`,
  );
  console.log(
    `Control: POST ${server.url}/__test/failure | latency | vram | engine | behaviour | thinking | reset, GET ${server.url}/__test/log | stats`,
  );
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === "EADDRINUSE" ? "That port is in use: pick another with --port N." : error);
  process.exit(1);
});
