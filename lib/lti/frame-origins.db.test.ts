import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { forgetFramingOrigins, framingOrigins } from "@/lib/lti/data/frame-origins";

// Who may frame Lesson Lab: every registered course site's issuer and authentication URL origins,
// and the addresses typed for it; nothing else, and nothing from a broken row.

describe("the course sites that may frame the tool", () => {
  it("are each registration's issuer, authentication URL and typed addresses, as origins, once", async () => {
    const host = `moodle-${randomUUID().slice(0, 8)}.example.test`;
    await db.ltiPlatform.create({
      data: {
        name: "Moodle",
        issuer: `https://${host}`,
        clientId: "c",
        authUrl: `https://${host}/mod/lti/auth.php`,
        tokenUrl: `https://${host}/mod/lti/token.php`,
        jwksUrl: `https://${host}/mod/lti/certs.php`,
        deploymentIds: '["1"]',
        frameOrigins: JSON.stringify([`https://${host}`, "https://school.instructure.com", "javascript:alert(1)"]),
      },
    });
    await db.ltiPlatform.create({
      data: {
        name: "Broken",
        issuer: `https://sso.${host}`,
        clientId: "c",
        authUrl: "not a url",
        tokenUrl: "x",
        jwksUrl: "x",
        deploymentIds: "[]",
        frameOrigins: "{not json",
      },
    });
    forgetFramingOrigins();
    const origins = await framingOrigins();
    expect(origins).toEqual(expect.arrayContaining([`https://${host}`, "https://school.instructure.com", `https://sso.${host}`]));
    expect(origins.filter((o) => o === `https://${host}`)).toHaveLength(1);
    expect(origins.some((o) => o.startsWith("javascript") || o === "null")).toBe(false);
  });
});
