import { z } from "zod";

// A course site (an LMS) registered as an LTI 1.3 platform, as an instructor types it on
// /instructor/lms: what the LMS calls itself in its tokens (issuer, client ID, deployments) and where
// its login, token and key endpoints are. Pure: the rule about plain http is a parameter (the app
// passes env.LTI_ALLOW_HTTP), so the browser and unit tests use the same schema.

/** The longest name, as a class name. */
export const PLATFORM_NAME_MAX = 80;
/** The longest client ID or deployment ID (LTI gives none; 255 fits every LMS seen). */
export const LTI_ID_MAX = 255;
const URL_MAX = 2000;

export type PlatformRules = {
  /** plain http:// accepted too: tests and a platform double on the same machine, never production */
  allowHttp: boolean;
};

/** A required line of text: a missing field and an empty one say the same thing. */
const requiredText = (empty: string, max: number, tooLong: string) => z.string({ error: empty }).trim().min(1, empty).max(max, tooLong);

/** What is wrong with an address the tool will send browsers to or fetch from, or null. */
function addressProblem(value: string, { allowHttp }: PlatformRules): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Paste the whole address, starting with https://, as your LMS shows it.";
  }
  if (url.protocol === "http:" && !allowHttp) {
    return "Use the https:// address your LMS shows: this site takes plain http:// only when its LTI_ALLOW_HTTP setting is on (for tests).";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Use the https:// address your LMS shows.";
  // Credentials in an address would be sent to the LMS with every request and shown on this page.
  if (url.username || url.password) return "Leave any user name or password out of the address.";
  return null;
}

/**
 * An https address, kept exactly as typed (trimmed): the issuer must equal the `iss` of the LMS's
 * tokens character for character, so nothing is normalised (not even a trailing slash).
 */
function addressField(empty: string, rules: PlatformRules, extra?: (url: URL) => string | null) {
  return requiredText(empty, URL_MAX, `An address here is at most ${URL_MAX} characters.`).superRefine((value, ctx) => {
    // An empty or overlong value has its message already; one is enough.
    if (!value || value.length > URL_MAX) return;
    const problem = addressProblem(value, rules) ?? extra?.(new URL(value)) ?? null;
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

/** Deployment IDs as a list: at least one, each at most LTI_ID_MAX characters, no repeats. */
export const deploymentIdListSchema = z
  .array(z.string().trim().min(1).max(LTI_ID_MAX, `A deployment ID is at most ${LTI_ID_MAX} characters.`))
  .min(
    1,
    "Enter at least one deployment ID: your LMS shows it after the tool is added (Moodle: “Deployment ID”, Canvas: the deployment's ID).",
  )
  .transform((ids) => [...new Set(ids)]);

/** Deployment IDs as typed: one a line or comma-separated; blanks dropped, each trimmed, repeats once. */
export const deploymentIdsSchema = z
  .string({ error: "Enter at least one deployment ID." })
  .transform((text) =>
    text
      .split(/[\n,]/)
      .map((id) => id.trim())
      .filter(Boolean),
  )
  .pipe(deploymentIdListSchema);

/** The most addresses that may frame the tool for one registration. */
export const FRAME_ORIGINS_MAX = 10;

/**
 * Other addresses that show Lesson Lab inside a frame, besides the issuer's and the authentication
 * URL's (which always may): hosted Canvas frames from the school's own host. Optional; one a line or
 * comma-separated; kept as origins (scheme, host, port).
 */
function frameOriginsField(rules: PlatformRules) {
  return z
    .string()
    .optional()
    .transform((text, ctx) => {
      const origins: string[] = [];
      for (const value of (text ?? "")
        .split(/[\n,]/)
        .map((v) => v.trim())
        .filter(Boolean)) {
        const problem = value.length > URL_MAX ? "An address here is at most 2000 characters." : addressProblem(value, rules);
        if (problem) {
          ctx.addIssue({ code: "custom", message: `${value.slice(0, 80)}: ${problem}` });
          return z.NEVER;
        }
        const origin = new URL(value).origin;
        if (!origins.includes(origin)) origins.push(origin);
      }
      if (origins.length > FRAME_ORIGINS_MAX) {
        ctx.addIssue({ code: "custom", message: `At most ${FRAME_ORIGINS_MAX} addresses.` });
        return z.NEVER;
      }
      return origins;
    });
}

/** The registration form's schema; `rules.allowHttp` comes from the LTI_ALLOW_HTTP setting. */
export function platformInputSchema(rules: PlatformRules) {
  return z.object({
    name: requiredText(
      "Give the platform a name you will recognise, such as “School Moodle”.",
      PLATFORM_NAME_MAX,
      `A platform name is at most ${PLATFORM_NAME_MAX} characters.`,
    ),
    issuer: addressField(
      "Enter the issuer: Moodle calls it “Platform ID”; hosted Canvas's is https://canvas.instructure.com.",
      rules,
      (url) =>
        // OpenID Connect: an issuer is a URL without query or fragment.
        url.search || url.hash ? "An issuer has no “?” or “#” part: copy it exactly as your LMS shows it." : null,
    ),
    clientId: requiredText(
      "Enter the client ID your LMS gave this tool (Moodle shows it after you save the tool; in Canvas it is the developer key's number).",
      LTI_ID_MAX,
      `A client ID is at most ${LTI_ID_MAX} characters.`,
    ),
    deploymentIds: deploymentIdsSchema,
    authUrl: addressField("Enter the authentication request URL your LMS shows (Moodle's ends in /mod/lti/auth.php).", rules),
    tokenUrl: addressField("Enter the access token URL your LMS shows (Moodle's ends in /mod/lti/token.php).", rules),
    jwksUrl: addressField("Enter the platform's keyset URL your LMS shows (Moodle's ends in /mod/lti/certs.php).", rules),
    frameOrigins: frameOriginsField(rules),
  });
}

export type PlatformInput = z.output<ReturnType<typeof platformInputSchema>>;
export type PlatformField = keyof PlatformInput;
