// Where the cookies of an LTI launch live (the state cookie of a login, the session a launch
// mints). Pure: the launch flow and its tests read it.

export const sessionCookieName = (secure: boolean) => `${secure ? "__Secure-" : ""}authjs.session-token`;

export type CookieOptions = { httpOnly: true; sameSite: "lax" | "none"; path: string; secure: boolean; partitioned?: true; maxAge: number };

export type MintedCookie = { name: string; value: string; options: CookieOptions };

/**
 * Where a cookie set in a launch's answer can live. At the top level, Auth.js's own (Lax). Inside a
 * course site's frame the browser treats the site as third-party: the cookie must be SameSite=None
 * and Secure to be sent there at all, and Partitioned (CHIPS) to survive browsers that keep such
 * cookies only per top-level site. Browsers take Secure cookies from http://localhost too.
 */
export function cookiePlacement(framed: boolean, secure: boolean): Pick<CookieOptions, "sameSite" | "secure" | "partitioned"> {
  return framed ? { sameSite: "none", secure: true, partitioned: true } : { sameSite: "lax", secure };
}

/** Whether the request was made for a frame (the browser says so in Sec-Fetch-Dest). */
export const isFramed = (headers: Headers) => headers.get("sec-fetch-dest") === "iframe";
