// The four addresses an LMS administrator copies from Lesson Lab into the LMS when adding it as an
// LTI 1.3 tool (docs/lti-design.md §3). Pure: the registration page builds them from the origin the
// request came in on, so they are right behind a proxy or on a second host name.

export type ToolUrls = {
  /** where the platform starts the OIDC login (Moodle "Initiate login URL", Canvas "OpenID Connect Initiation Url") */
  loginUrl: string;
  /** where the platform posts the id_token (Moodle "Redirection URI(s)", Canvas "Redirect URIs") */
  redirectUrl: string;
  /** the tool's public keys (Moodle "Public keyset", Canvas "Public JWK URL") */
  jwksUrl: string;
  /** the content picker (Moodle "Content Selection URL", Canvas deep linking "Target Link URI") */
  deepLinkUrl: string;
};

/** The tool's values for an origin such as `https://lab.school.example` (a trailing slash is dropped). */
export function toolUrls(origin: string): ToolUrls {
  const base = origin.replace(/\/+$/, "");
  return {
    loginUrl: `${base}/api/lti/login`,
    redirectUrl: `${base}/api/lti/launch`,
    jwksUrl: `${base}/api/lti/jwks`,
    deepLinkUrl: `${base}/lti/deep-link`,
  };
}

/** Whether the origin is https: LMSs refuse (or browsers block) a tool on plain http outside tests. */
export const isSecureOrigin = (origin: string): boolean => origin.startsWith("https://");
