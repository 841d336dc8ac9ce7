import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { db } from "@/lib/db";
import { publishedJwks } from "@/lib/lti/data/keys";
import { completeLaunch, startLogin, type VerifiedLaunch } from "@/lib/lti/data/launch";
import { startLtiPlatformDouble, type LtiPlatformDouble, type PlannedLaunch } from "@/test/lti-platform-double/server";

// For database tests of what follows a launch: the platform double, registered as a platform, the
// tool's JWKS served over HTTP for it, and `launchAs`, which runs the real OIDC round trip (the
// tool's login, the platform's signed id_token, the tool's checks) without a browser.

export const TOOL_REDIRECT = "https://lab.example.test/api/lti/launch";

export type LaunchWorld = {
  platform: LtiPlatformDouble;
  platformId: string;
  launchAs(launch: PlannedLaunch): Promise<VerifiedLaunch>;
  close(): Promise<void>;
};

export async function startLaunchWorld(): Promise<LaunchWorld> {
  const platform = await startLtiPlatformDouble();
  const toolJwks = createServer((_request, response) => {
    void publishedJwks().then((keys) => {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end(JSON.stringify(keys));
    });
  });
  await new Promise<void>((resolve) => toolJwks.listen(0, "127.0.0.1", resolve));
  const jwksUrl = `http://127.0.0.1:${(toolJwks.address() as AddressInfo).port}/jwks`;
  platform.registerTool({ redirectUris: [TOOL_REDIRECT], jwksUrl });
  const { id: platformId } = await db.ltiPlatform.create({
    data: {
      name: `Platform double ${platform.url}`,
      issuer: platform.issuer,
      clientId: platform.clientId,
      authUrl: platform.authUrl,
      tokenUrl: platform.tokenUrl,
      jwksUrl: platform.jwksUrl,
      deploymentIds: JSON.stringify([platform.deploymentId]),
    },
  });
  async function launchAs(launch: PlannedLaunch): Promise<VerifiedLaunch> {
    const { url } = await startLogin(platform.plan(launch), TOOL_REDIRECT);
    const html = await (await fetch(url)).text();
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? "";
    return completeLaunch({ idToken: field("id_token"), state: field("state"), cookieState: field("state") });
  }
  return {
    platform,
    platformId,
    launchAs,
    close: async () => {
      await platform.close();
      await new Promise((resolve) => toolJwks.close(resolve));
    },
  };
}
