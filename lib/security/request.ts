import { createHmac, timingSafeEqual } from "node:crypto";

// What the app's own HTTP server (scripts/server.ts) decides about a request before Next sees it,
// and what the app reads back. Pure: no Next, no database, usable from the server script and lib/.

/** Set by the server on every request (any value a client sent is replaced). */
export const CLIENT_ADDRESS_HEADER = "x-lesson-lab-client";
export const CLIENT_ADDRESS_SIGNATURE_HEADER = "x-lesson-lab-client-sig";

/**
 * The client's address. With no trusted proxy (hops 0) it is the socket's peer, whatever
 * X-Forwarded-For says. Behind `hops` proxies, each appended the address it received the request
 * from, so the client is the entry `hops` places from the right; anything further left was written
 * by the client itself and is not believed.
 */
export function clientAddressOf(input: {
  socketAddress: string | undefined;
  forwardedFor: string | string[] | undefined;
  hops: number;
}): string {
  const socket = normaliseAddress(input.socketAddress ?? "") || "unknown";
  if (input.hops <= 0) return socket;
  const raw = Array.isArray(input.forwardedFor) ? input.forwardedFor.join(",") : (input.forwardedFor ?? "");
  const chain = raw
    .split(",")
    .map((a) => normaliseAddress(a.trim()))
    .filter(Boolean);
  // The socket peer is the last proxy; the chain holds what the proxies before it saw.
  const all = [...chain, socket];
  return all[Math.max(0, all.length - 1 - input.hops)] ?? socket;
}

function normaliseAddress(address: string): string {
  return address.replace(/^::ffff:/, "").replace(/^\[|\]$/g, "");
}

export function signAddress(address: string, secret: string): string {
  return createHmac("sha256", secret).update(`client-address:${address}`).digest("base64url");
}

/**
 * The address the server vouched for. A request that did not come through the server (a bare
 * `next start`, a test) or carries a forged header reads as "unknown": limits then count it with
 * every other unknown, never under an address the client chose.
 */
export function readClientAddress(headers: Headers, secret: string | undefined): string {
  const address = headers.get(CLIENT_ADDRESS_HEADER);
  const signature = headers.get(CLIENT_ADDRESS_SIGNATURE_HEADER);
  if (!address || !signature || !secret) return "unknown";
  const expected = Buffer.from(signAddress(address, secret));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? address : "unknown";
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isUnsafeMethod(method: string | undefined): boolean {
  return !SAFE_METHODS.has((method ?? "GET").toUpperCase());
}

/**
 * A state-changing request must come from a page of this site: its Origin's host is the host the
 * request was sent to (the forwarded host when a trusted proxy sits in front). A missing Origin is
 * refused: every browser sends it on a POST, and a request without it is not from one of our pages.
 */
export function isSameOrigin(input: {
  origin: string | undefined;
  host: string | undefined;
  forwardedHost?: string | undefined;
  hops: number;
}): boolean {
  if (!input.origin || input.origin === "null") return false;
  let originHost: string;
  try {
    originHost = new URL(input.origin).host.toLowerCase();
  } catch {
    return false;
  }
  const host = ((input.hops > 0 ? input.forwardedHost?.split(",")[0]?.trim() : undefined) || input.host || "").toLowerCase();
  return Boolean(host) && originHost === host;
}

/**
 * The only state-changing requests another site may send: an LMS's LTI 1.3 login initiation and
 * its form post of a signed launch (lib/lti/server/launch-flow.ts). They sign nobody in on their
 * own say: the launch needs the state cookie the login set and a token the registered platform
 * signed, so an Origin check would only refuse every real course site.
 */
export function isCrossSiteEntry(method: string | undefined, pathname: string): boolean {
  return (method ?? "").toUpperCase() === "POST" && (pathname === "/api/lti/login" || pathname === "/api/lti/launch");
}

/** Auth.js's session cookie, in either of its names (plain http, or https with the secure prefix). */
export function hasSessionCookie(cookieHeader: string | undefined): boolean {
  return /(?:^|;\s*)(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/.test(cookieHeader ?? "");
}

/**
 * A read of the reader's own data may come from this site's pages or be typed in, never from
 * another site's page (`Sec-Fetch-Site`, sent by every current browser; absent from other clients).
 */
export function isOwnSiteRead(secFetchSite: string | null | undefined): boolean {
  return !secFetchSite || secFetchSite === "same-origin" || secFetchSite === "none";
}
