import { createLocalJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { LTI_CLAIM } from "@/lib/lti/claims";
import {
  DEEP_LINK_TTL_MS,
  openDeepLinkRequest,
  readDeepLinkRequest,
  respondToDeepLink,
  type DeepLinkChoice,
} from "@/lib/lti/data/deep-linking";
import { publishedJwks } from "@/lib/lti/data/keys";
import { accountForLaunch } from "@/lib/lti/data/provision";
import { choiceByValue, deepLinkChoices } from "@/lib/lti/server/deep-link-choices";
import { startLaunchWorld, type LaunchWorld } from "@/test/lti-launch";

// Deep Linking 2.0 from the tool's side: an instructor's deep linking launch is kept for the picker,
// and what they pick goes back signed, with every claim the spec requires, once.

let world: LaunchWorld;
beforeAll(async () => {
  world = await startLaunchWorld();
});
afterAll(() => world.close());

const DL = "https://purl.imsglobal.org/spec/lti-dl/claim";

async function pickerRequest(sub: string) {
  const launch = await world.launchAs({
    sub,
    roles: ["Instructor"],
    context: { id: `course-${sub}`, title: "Vision" },
    targetLinkUri: "https://lab.example.test/lti/deep-link",
    messageType: "LtiDeepLinkingRequest",
  });
  const user = await accountForLaunch(launch);
  return { user, id: await openDeepLinkRequest(launch, user.id) };
}

describe("deep linking", () => {
  it("offers each lesson, its quiz when it has one and its lab write-up when it has a lab, with their points", () => {
    const flagship = deepLinkChoices().find((l) => l.lesson.slug === "local-qwen-vl")!;
    expect(flagship.choices.map((c) => [c.target, c.scoreMaximum])).toEqual([
      ["LESSON", null],
      ["QUIZ", 15],
      ["WRITEUP", expect.any(Number)],
    ]);
    expect(choiceByValue("QUIZ:local-qwen-vl")).toMatchObject({ target: "QUIZ", lessonSlug: "local-qwen-vl" });
    expect(choiceByValue("QUIZ:no-such-lesson")).toBeNull();
    expect(choiceByValue("<script>")).toBeNull();
  });

  it("signs the picked items for the platform, with every required claim and a line item for graded ones, once", async () => {
    const { user, id } = await pickerRequest("dl-ines");
    expect(await readDeepLinkRequest(user.id, id)).toMatchObject({ id, acceptMultiple: false, acceptLineItem: true });
    const pick = choiceByValue("WRITEUP:local-qwen-vl") as DeepLinkChoice;
    const signed = (await respondToDeepLink(user.id, id, [pick, choiceByValue("LESSON:local-qwen-vl")!], "https://lab.example.test"))!;
    expect(signed.returnUrl).toBe(`${world.platform.url}/deep-link-return`);
    const { payload, protectedHeader } = await jwtVerify(signed.jwt, createLocalJWKSet(await publishedJwks()), {
      issuer: world.platform.clientId,
      audience: world.platform.issuer,
    });
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload).toMatchObject({
      [LTI_CLAIM.messageType]: "LtiDeepLinkingResponse",
      [LTI_CLAIM.version]: "1.3.0",
      [LTI_CLAIM.deploymentId]: world.platform.deploymentId,
      [`${DL}/data`]: "opaque-platform-data:course-dl-ines",
      nonce: expect.any(String),
    });
    expect((payload.exp as number) - (payload.iat as number)).toBe(300);
    // accept_multiple is false: the first pick only.
    expect(payload[`${DL}/content_items`]).toEqual([
      {
        type: "ltiResourceLink",
        title: pick.title,
        url: "https://lab.example.test/lessons/local-qwen-vl/lab",
        custom: { lesson_lab_target: "writeup:local-qwen-vl" },
        lineItem: { scoreMaximum: pick.scoreMaximum, label: pick.title, resourceId: "writeup:local-qwen-vl", tag: "write-up" },
      },
    ]);
    // Used up: neither the picker nor a second submit sends it again.
    expect(await readDeepLinkRequest(user.id, id)).toBeNull();
    expect(await respondToDeepLink(user.id, id, [pick], "https://lab.example.test")).toBeNull();
  });

  it("is only for the person it was opened for, and only within the hour; two submits at once send one response", async () => {
    const { user, id } = await pickerRequest("dl-olu");
    const other = await pickerRequest("dl-pat");
    const pick = choiceByValue("QUIZ:local-qwen-vl")!;
    expect(await readDeepLinkRequest(other.user.id, id)).toBeNull();
    expect(await respondToDeepLink(other.user.id, id, [pick], "https://lab.example.test")).toBeNull();
    const late = new Date(Date.now() + DEEP_LINK_TTL_MS + 1000);
    expect(await readDeepLinkRequest(user.id, id, late)).toBeNull();
    const both = await Promise.all([1, 2].map(() => respondToDeepLink(user.id, id, [pick], "https://lab.example.test")));
    expect(both.filter(Boolean)).toHaveLength(1);
    expect(await db.ltiDeepLinkRequest.count({ where: { id, usedAt: { not: null } } })).toBe(1);
  });
});
