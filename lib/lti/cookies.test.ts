import { describe, expect, it } from "vitest";
import { cookiePlacement, isFramed, sessionCookieName } from "@/lib/lti/cookies";

describe("a launched session's cookie", () => {
  it("is Auth.js's own at the top level, and SameSite=None, Secure and Partitioned inside a course site's frame", () => {
    expect(cookiePlacement(false, false)).toEqual({ sameSite: "lax", secure: false });
    expect(cookiePlacement(false, true)).toEqual({ sameSite: "lax", secure: true });
    expect(cookiePlacement(true, false)).toEqual({ sameSite: "none", secure: true, partitioned: true });
    expect(sessionCookieName(false)).toBe("authjs.session-token");
    expect(sessionCookieName(true)).toBe("__Secure-authjs.session-token");
  });

  it("knows a framed request by Sec-Fetch-Dest", () => {
    expect(isFramed(new Headers({ "sec-fetch-dest": "iframe" }))).toBe(true);
    expect(isFramed(new Headers({ "sec-fetch-dest": "document" }))).toBe(false);
    expect(isFramed(new Headers())).toBe(false);
  });
});
