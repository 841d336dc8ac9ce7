import { describe, expect, it } from "vitest";
import { callableUrl, registeredOrigins, serviceUrl, UrlRefusedError } from "@/lib/lti/url-guard";

// Which addresses the tool calls for a course site: https only (http with LTI_ALLOW_HTTP), nothing
// with credentials, and claims' addresses only on the registration's own hosts.

const moodle = {
  tokenUrl: "https://moodle.school.example/mod/lti/token.php",
  authUrl: "https://moodle.school.example/mod/lti/auth.php",
  jwksUrl: "https://moodle.school.example/mod/lti/certs.php",
};
const strict = { allowHttp: false };
const loose = { allowHttp: true };

describe("the URL guard", () => {
  it("calls https, and plain http only when LTI_ALLOW_HTTP says so", () => {
    expect(callableUrl("https://moodle.school.example/mod/lti/token.php", strict).host).toBe("moodle.school.example");
    expect(() => callableUrl("http://moodle.school.example/mod/lti/token.php", strict)).toThrow(UrlRefusedError);
    expect(callableUrl("http://127.0.0.1:4610/token", loose).origin).toBe("http://127.0.0.1:4610");
    for (const bad of ["file:///etc/passwd", "ftp://moodle.school.example/x", "not a url", "https://user:pw@moodle.school.example/x"]) {
      expect(() => callableUrl(bad, loose), bad).toThrow(UrlRefusedError);
    }
  });

  it("takes grade and roster addresses only on the registration's origins", () => {
    const lineItem = "https://moodle.school.example/mod/lti/services.php/2/lineitems/5/lineitem?type_id=1";
    expect(serviceUrl(lineItem, moodle, strict).toString()).toBe(lineItem);
    // The Ollama host, a metadata service, another port or scheme of the same host: refused.
    for (const elsewhere of [
      "https://127.0.0.1:11434/api/pull",
      "https://169.254.169.254/latest/meta-data",
      "https://moodle.school.example:8443/mod/lti/services.php/2/lineitems",
      "https://evil.example/moodle.school.example/lineitems",
    ]) {
      expect(() => serviceUrl(elsewhere, moodle, strict), elsewhere).toThrow(/registered host/);
    }
    expect(() => serviceUrl("http://moodle.school.example/mod/lti/services.php/2/lineitems", moodle, strict)).toThrow(/plain http/);
  });

  it("reads the origins of the token, login and keyset URLs (the double's browser and server hosts differ)", () => {
    const double = {
      tokenUrl: "http://127.0.0.1:4610/token",
      authUrl: "http://localhost:4610/auth",
      jwksUrl: "http://127.0.0.1:4610/jwks",
    };
    expect(registeredOrigins(double)).toEqual(["http://127.0.0.1:4610", "http://localhost:4610"]);
    expect(serviceUrl("http://127.0.0.1:4610/contexts/c/lineitems/1/lineitem", double, loose).pathname).toBe(
      "/contexts/c/lineitems/1/lineitem",
    );
    expect(() => serviceUrl("http://127.0.0.1:11434/api/tags", double, loose)).toThrow(UrlRefusedError);
    // Hosted Canvas: logins and tokens on its shared host, a course's grades on the school's, typed at registration.
    const canvas = {
      tokenUrl: "https://sso.canvaslms.com/login/oauth2/token",
      authUrl: "https://sso.canvaslms.com/api/lti/authorize_redirect",
      jwksUrl: "https://sso.canvaslms.com/api/lti/security/jwks",
      frameOrigins: JSON.stringify(["https://school.instructure.com"]),
    };
    expect(serviceUrl("https://school.instructure.com/api/lti/courses/1/line_items", canvas, strict).host).toBe("school.instructure.com");
    expect(() => serviceUrl("https://other.instructure.com/api/lti/courses/1/line_items", canvas, strict)).toThrow(UrlRefusedError);
    // A default port is the same origin written either way.
    expect(serviceUrl("https://MOODLE.school.example:443/x", moodle, strict).origin).toBe("https://moodle.school.example");
  });
});
