import { parseArgs } from "node:util";
import { startLtiPlatformDouble } from "./server";

// The LTI platform double as its own process, for Playwright (a webServer) and for trying a launch
// by hand: register what it prints on Lesson Lab's Course sites page, then drive it through
// /__test/* (README.md).

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: "string", default: "4610" }, "browser-host": { type: "string", default: "localhost" } },
  });
  const double = await startLtiPlatformDouble({ port: Number(values.port), browserHost: values["browser-host"] });
  const stop = () => void double.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  console.log(`LTI platform TEST DOUBLE (not an LMS) on ${double.url}`);
  console.log(
    JSON.stringify({
      issuer: double.issuer,
      clientId: double.clientId,
      deploymentId: double.deploymentId,
      authUrl: double.authUrl,
      tokenUrl: double.tokenUrl,
      jwksUrl: double.jwksUrl,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
