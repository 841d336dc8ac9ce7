import { describe, expect, it } from "vitest";
import { isSecureOrigin, toolUrls } from "@/lib/lti/tool-urls";

describe("the tool's values", () => {
  it("are the login, launch, JWKS and deep linking addresses on the origin", () => {
    expect(toolUrls("https://lab.school.example")).toEqual({
      loginUrl: "https://lab.school.example/api/lti/login",
      redirectUrl: "https://lab.school.example/api/lti/launch",
      jwksUrl: "https://lab.school.example/api/lti/jwks",
      deepLinkUrl: "https://lab.school.example/lti/deep-link",
    });
  });

  it("keep a port and drop a trailing slash", () => {
    expect(toolUrls("http://127.0.0.1:3100/").loginUrl).toBe("http://127.0.0.1:3100/api/lti/login");
  });

  it("say whether the origin is https", () => {
    expect(isSecureOrigin("https://lab.school.example")).toBe(true);
    expect(isSecureOrigin("http://127.0.0.1:3100")).toBe(false);
  });
});
