import { describe, expect, it } from "vitest";
import { bodyLimitFor, checkDeclaredBody, JSON_BODY_BYTES, LTI_LAUNCH_BODY_BYTES, SERVER_ACTION_BODY_BYTES } from "@/lib/http/body-limits";

const options = { maxUploadMb: 10 };

describe("body limits decided from the headers", () => {
  it("gives each route its own cap", () => {
    expect(bodyLimitFor("/api/tutor", options).maxBytes).toBe(JSON_BODY_BYTES);
    expect(bodyLimitFor("/api/auth/callback/credentials", options).maxBytes).toBe(JSON_BODY_BYTES);
    expect(bodyLimitFor("/api/lab/images", options)).toMatchObject({ maxBytes: 10_064_000, streamed: true });
    expect(bodyLimitFor("/lessons/local-qwen-vl/lab", options).maxBytes).toBe(SERVER_ACTION_BODY_BYTES);
    expect(bodyLimitFor("/api/lti/launch", options)).toMatchObject({ maxBytes: LTI_LAUNCH_BODY_BYTES, streamed: false });
    expect(bodyLimitFor("/api/lti/login", options).maxBytes).toBe(JSON_BODY_BYTES);
  });

  it("refuses an oversized declared length and, except for uploads, a body of unknown length", () => {
    const tutor = bodyLimitFor("/api/tutor", options);
    expect(checkDeclaredBody({ "content-length": "100000000" }, tutor, options)).toMatchObject({ ok: false, status: 413 });
    expect(checkDeclaredBody({ "content-length": "16000" }, tutor, options)).toEqual({ ok: true });
    expect(checkDeclaredBody({ "transfer-encoding": "chunked" }, tutor, options)).toMatchObject({ ok: false, status: 411 });
    expect(checkDeclaredBody({ "content-length": "-1" }, tutor, options)).toMatchObject({ ok: false });
    expect(checkDeclaredBody({}, tutor, options)).toEqual({ ok: true });
    const upload = bodyLimitFor("/api/lab/images", options);
    expect(checkDeclaredBody({ "transfer-encoding": "chunked" }, upload, options)).toEqual({ ok: true });
    expect(checkDeclaredBody({ "content-length": String(20_000_000) }, upload, options)).toMatchObject({ status: 413 });
  });
});
