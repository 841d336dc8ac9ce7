import { describe, expect, it } from "vitest";
import {
  CLIENT_ADDRESS_HEADER,
  CLIENT_ADDRESS_SIGNATURE_HEADER,
  clientAddressOf,
  hasSessionCookie,
  isCrossSiteEntry,
  isSameOrigin,
  readClientAddress,
  signAddress,
} from "@/lib/security/request";

describe("the client's address", () => {
  it("ignores X-Forwarded-For unless proxies are trusted, then takes the entry they vouch for", () => {
    expect(clientAddressOf({ socketAddress: "::ffff:203.0.113.9", forwardedFor: "1.2.3.4", hops: 0 })).toBe("203.0.113.9");
    // One proxy (10.0.0.2) in front: it appended what it saw; the client's own "1.2.3.4" is not believed.
    expect(clientAddressOf({ socketAddress: "10.0.0.2", forwardedFor: "1.2.3.4, 198.51.100.7", hops: 1 })).toBe("198.51.100.7");
    expect(clientAddressOf({ socketAddress: "10.0.0.3", forwardedFor: "1.2.3.4, 198.51.100.7, 10.0.0.2", hops: 2 })).toBe("198.51.100.7");
    // Fewer entries than hops: the furthest one there is.
    expect(clientAddressOf({ socketAddress: "10.0.0.2", forwardedFor: undefined, hops: 1 })).toBe("10.0.0.2");
  });

  it("reads back only what the server signed", () => {
    const secret = "s".repeat(40);
    const signed = new Headers({
      [CLIENT_ADDRESS_HEADER]: "198.51.100.7",
      [CLIENT_ADDRESS_SIGNATURE_HEADER]: signAddress("198.51.100.7", secret),
    });
    expect(readClientAddress(signed, secret)).toBe("198.51.100.7");
    const forged = new Headers({
      [CLIENT_ADDRESS_HEADER]: "1.2.3.4",
      [CLIENT_ADDRESS_SIGNATURE_HEADER]: signAddress("198.51.100.7", secret),
    });
    expect(readClientAddress(forged, secret)).toBe("unknown");
    expect(readClientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: "1.2.3.4" }), secret)).toBe("unknown");
  });
});

describe("same-origin checks for state-changing requests", () => {
  it("wants an Origin whose host is the request's host", () => {
    expect(isSameOrigin({ origin: "http://localhost:3000", host: "localhost:3000", hops: 0 })).toBe(true);
    expect(isSameOrigin({ origin: "http://localhost:3001", host: "localhost:3000", hops: 0 })).toBe(false);
    expect(isSameOrigin({ origin: "https://evil.example", host: "lab.school.example", hops: 0 })).toBe(false);
    expect(isSameOrigin({ origin: undefined, host: "localhost:3000", hops: 0 })).toBe(false);
    expect(isSameOrigin({ origin: "null", host: "localhost:3000", hops: 0 })).toBe(false);
    // Behind a proxy, the forwarded host counts (only when proxies are trusted).
    expect(
      isSameOrigin({ origin: "https://lab.school.example", host: "127.0.0.1:3000", forwardedHost: "lab.school.example", hops: 1 }),
    ).toBe(true);
    expect(
      isSameOrigin({ origin: "https://lab.school.example", host: "127.0.0.1:3000", forwardedHost: "lab.school.example", hops: 0 }),
    ).toBe(false);
  });

  it("lets another site post only an LTI login initiation and launch", () => {
    expect(isCrossSiteEntry("POST", "/api/lti/login")).toBe(true);
    expect(isCrossSiteEntry("post", "/api/lti/launch")).toBe(true);
    expect(isCrossSiteEntry("POST", "/api/lti/launch/")).toBe(false);
    expect(isCrossSiteEntry("PUT", "/api/lti/launch")).toBe(false);
    expect(isCrossSiteEntry("POST", "/api/lti/jwks")).toBe(false);
    expect(isCrossSiteEntry("POST", "/instructor/lms")).toBe(false);
  });

  it("recognises Auth.js's session cookie", () => {
    expect(hasSessionCookie("a=b; authjs.session-token=xyz")).toBe(true);
    expect(hasSessionCookie("__Secure-authjs.session-token.0=xyz")).toBe(true);
    expect(hasSessionCookie("authjs.csrf-token=abc")).toBe(false);
    expect(hasSessionCookie(undefined)).toBe(false);
  });
});
