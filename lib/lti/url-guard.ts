import { z } from "zod";
import { AppError } from "@/lib/app-error";
import { readJsonColumn } from "@/lib/json-column";

// What the tool may call on a course site's behalf (docs/lti-design.md §2, "Front door and outbound
// calls"). A registration's token URL is typed by an instructor; the grade and roster addresses
// come from launch claims the platform signs. Neither may make this server fetch whatever host it
// names (the Ollama host, a metadata service): every address must be https (plain http only with
// LTI_ALLOW_HTTP, for tests and a platform double on this machine), carry no credentials, and an
// address from a claim must be on one of the registration's own origins (its token, auth or JWKS
// URL's, or one its registrar typed as showing the tool: hosted Canvas serves a course's grades and
// roster from the school's host, not from its shared login host). Pure: the rule about http is a
// parameter, as in platform-input.ts.

export type UrlRules = { allowHttp: boolean };

/** The addresses a registration was made with: its origins are the only ones its claims may name. */
export type RegisteredUrls = { tokenUrl: string; authUrl: string; jwksUrl: string; frameOrigins?: string };

export class UrlRefusedError extends AppError {
  constructor(
    readonly url: string,
    readonly problem: string,
  ) {
    super("LTI_URL_REFUSED", `Lesson Lab did not call ${url.slice(0, 200)}: ${problem}`);
  }
}

function parse(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** An address the tool may call at all: https (or http when allowed), no user name or password. */
export function callableUrl(raw: string, { allowHttp }: UrlRules): URL {
  const url = parse(raw);
  if (!url) throw new UrlRefusedError(raw, "it is not an address");
  if (url.protocol === "http:" && !allowHttp) throw new UrlRefusedError(raw, "it is plain http (only https is called)");
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new UrlRefusedError(raw, "only https addresses are called");
  if (url.username || url.password) throw new UrlRefusedError(raw, "it carries a user name or password");
  return url;
}

/** The origins a registration's claims may send the tool to. */
export function registeredOrigins(registration: RegisteredUrls): string[] {
  const typed = readJsonColumn(z.array(z.string()), registration.frameOrigins ?? null, "LtiPlatform frameOrigins") ?? [];
  const origins = [registration.tokenUrl, registration.authUrl, registration.jwksUrl, ...typed].flatMap((raw) => {
    const url = parse(raw);
    return url ? [url.origin] : [];
  });
  return [...new Set(origins)];
}

/**
 * An AGS or NRPS address from a launch (or a platform's answer, such as a created line item or a
 * roster's next page): callable, and on one of the registration's origins. The platform double
 * sends browsers to `localhost` and serves these on `127.0.0.1`, the origin of its token URL.
 */
export function serviceUrl(raw: string, registration: RegisteredUrls, rules: UrlRules): URL {
  const url = callableUrl(raw, rules);
  if (!registeredOrigins(registration).includes(url.origin)) {
    throw new UrlRefusedError(raw, "it is not on the course site's registered host (its token, login or keyset address)");
  }
  return url;
}
