import { describe, expect, it } from "vitest";
import { fail, ok } from "@/lib/action-result";
import { callAction } from "@/hooks/use-action";

describe("callAction", () => {
  it("passes an action's own result through", async () => {
    expect(await callAction(async () => ok(3))).toEqual({ ok: true, value: 3 });
    expect(await callAction(async () => fail("CONFLICT"))).toMatchObject({ ok: false, code: "CONFLICT" });
  });

  it("turns a call that never answered into NO_RESPONSE, saying what the page keeps", async () => {
    const result = await callAction(() => Promise.reject(new TypeError("Failed to fetch")), "your answers stay on this page");
    expect(result).toEqual({
      ok: false,
      code: "NO_RESPONSE",
      message: "The server did not answer. Try again in a moment; your answers stay on this page.",
    });
  });
});
