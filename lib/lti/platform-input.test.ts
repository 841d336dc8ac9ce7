import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseEnv } from "@/lib/env-schema";
import { deploymentIdsSchema, platformInputSchema } from "@/lib/lti/platform-input";

// A course site's registration as typed: each field's refusal is a sentence a person can act on,
// https unless the site allows plain http (LTI_ALLOW_HTTP), and the issuer kept exactly as typed.

const strict = platformInputSchema({ allowHttp: false });
const relaxed = platformInputSchema({ allowHttp: true });

const typed = {
  name: "  School Moodle ",
  issuer: " https://moodle.school.example ",
  clientId: " AbC123 ",
  deploymentIds: "1",
  authUrl: "https://moodle.school.example/mod/lti/auth.php",
  tokenUrl: "https://moodle.school.example/mod/lti/token.php",
  jwksUrl: "https://moodle.school.example/mod/lti/certs.php",
};

const errorsOf = (schema: typeof strict, value: Record<string, unknown>) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? {} : z.flattenError(parsed.error).fieldErrors;
};

describe("a platform registration", () => {
  it("is trimmed, with the issuer otherwise exactly as typed (no slash added)", () => {
    expect(strict.parse(typed)).toEqual({
      name: "School Moodle",
      issuer: "https://moodle.school.example",
      clientId: "AbC123",
      deploymentIds: ["1"],
      authUrl: typed.authUrl,
      tokenUrl: typed.tokenUrl,
      jwksUrl: typed.jwksUrl,
      frameOrigins: [],
    });
  });

  it("takes other addresses that may frame the tool as origins, one a line, each once, https unless allowed", () => {
    const parsed = strict.parse({
      ...typed,
      frameOrigins: "https://school.instructure.com/courses/1\n\nhttps://school.instructure.com, https://lms.school.example:8443/x",
    });
    expect(parsed.frameOrigins).toEqual(["https://school.instructure.com", "https://lms.school.example:8443"]);
    expect(errorsOf(strict, { ...typed, frameOrigins: "http://school.example" }).frameOrigins?.[0]).toMatch(/https:\/\//);
    expect(relaxed.parse({ ...typed, frameOrigins: "http://localhost:4610" }).frameOrigins).toEqual(["http://localhost:4610"]);
    expect(errorsOf(strict, { ...typed, frameOrigins: "javascript:alert(1)" }).frameOrigins).toHaveLength(1);
    const eleven = Array.from({ length: 11 }, (_, i) => `https://s${i}.example`).join("\n");
    expect(errorsOf(strict, { ...typed, frameOrigins: eleven }).frameOrigins?.[0]).toMatch(/At most 10/);
  });

  it("says for each missing field what the LMS calls it, one message a field", () => {
    const errors = errorsOf(strict, {});
    expect(Object.keys(errors).sort()).toEqual(["authUrl", "clientId", "deploymentIds", "issuer", "jwksUrl", "name", "tokenUrl"]);
    for (const messages of Object.values(errors)) expect(messages).toHaveLength(1);
    expect(errors.issuer?.[0]).toMatch(/Platform ID/);
    expect(errors.authUrl?.[0]).toMatch(/auth\.php/);
    const blank = errorsOf(strict, { ...typed, name: "   ", issuer: "", deploymentIds: " ,\n, " });
    expect(blank.name).toEqual(["Give the platform a name you will recognise, such as “School Moodle”."]);
    expect(blank.issuer).toHaveLength(1);
    expect(blank.deploymentIds?.[0]).toMatch(/^Enter at least one deployment ID/);
  });

  it("takes https only, unless plain http is allowed; never another scheme or credentials", () => {
    const http = { ...typed, issuer: "http://127.0.0.1:9100", authUrl: "http://127.0.0.1:9100/auth" };
    const errors = errorsOf(strict, http);
    expect(errors.issuer?.[0]).toMatch(/^Use the https:\/\/ address your LMS shows/);
    expect(errors.authUrl?.[0]).toMatch(/LTI_ALLOW_HTTP/);
    expect(relaxed.parse(http).authUrl).toBe("http://127.0.0.1:9100/auth");
    expect(errorsOf(relaxed, { ...typed, tokenUrl: "ftp://moodle.school.example/token" }).tokenUrl).toEqual([
      "Use the https:// address your LMS shows.",
    ]);
    expect(errorsOf(strict, { ...typed, jwksUrl: "moodle.school.example/certs.php" }).jwksUrl?.[0]).toMatch(/^Paste the whole address/);
    expect(errorsOf(strict, { ...typed, tokenUrl: "https://me:secret@moodle.school.example/token" }).tokenUrl?.[0]).toMatch(
      /user name or password/,
    );
    expect(errorsOf(strict, { ...typed, authUrl: `https://a.example/${"x".repeat(2000)}` }).authUrl).toEqual([
      "An address here is at most 2000 characters.",
    ]);
  });

  it("refuses an issuer with a query or fragment (OpenID Connect issuers have neither)", () => {
    expect(errorsOf(strict, { ...typed, issuer: "https://moodle.school.example/?x=1" }).issuer?.[0]).toMatch(/no “\?” or “#”/);
    expect(errorsOf(strict, { ...typed, issuer: "https://moodle.school.example/#top" }).issuer).toHaveLength(1);
  });

  it("keeps names and IDs within their lengths", () => {
    const errors = errorsOf(strict, { ...typed, name: "n".repeat(81), clientId: "c".repeat(256) });
    expect(errors.name).toEqual(["A platform name is at most 80 characters."]);
    expect(errors.clientId).toEqual(["A client ID is at most 255 characters."]);
  });
});

describe("deployment IDs as typed", () => {
  it("are one a line or comma-separated, trimmed, blanks dropped, each once in the order typed", () => {
    expect(deploymentIdsSchema.parse(" 1 ,2\r\n3\n\n2, 1 ")).toEqual(["1", "2", "3"]);
    expect(deploymentIdsSchema.parse("9d1d5e0c-1b9f:abc")).toEqual(["9d1d5e0c-1b9f:abc"]);
  });

  it("are each at most 255 characters, and at least one", () => {
    const long = deploymentIdsSchema.safeParse(`1\n${"d".repeat(256)}`);
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.message).toBe("A deployment ID is at most 255 characters.");
    expect(deploymentIdsSchema.safeParse(undefined).error?.issues[0]?.message).toBe("Enter at least one deployment ID.");
  });
});

describe("LTI_ALLOW_HTTP", () => {
  it("is off unless the environment turns it on", () => {
    expect(parseEnv({}).LTI_ALLOW_HTTP).toBe(false);
    expect(parseEnv({ LTI_ALLOW_HTTP: "1" }).LTI_ALLOW_HTTP).toBe(true);
    expect(parseEnv({ LTI_ALLOW_HTTP: "true" }).LTI_ALLOW_HTTP).toBe(true);
    expect(() => parseEnv({ LTI_ALLOW_HTTP: "maybe" })).toThrow(/LTI_ALLOW_HTTP/);
  });
});
