import { describe, expect, it } from "vitest";
import { chooseHost, COLD_LOAD_COST, healthBackoffSeconds, type HostCandidate } from "@/lib/ollama/routing";

const host = (url: string, over: Partial<HostCandidate> = {}): HostCandidate => ({
  url,
  up: true,
  installed: true,
  loaded: false,
  busy: 0,
  ...over,
});

describe("choosing a host for a lane", () => {
  it("prefers a host with the model loaded, unless its queue is longer by more than a cold load is worth", () => {
    expect(chooseHost([host("a", { busy: 0 }), host("b", { loaded: true, busy: COLD_LOAD_COST })])).toBe("b");
    expect(chooseHost([host("a", { busy: 0 }), host("b", { loaded: true, busy: COLD_LOAD_COST + 1 })])).toBe("a");
    expect(chooseHost([host("a", { loaded: true, busy: 4 }), host("b", { loaded: true, busy: 1 })])).toBe("b");
  });

  it("else the least busy host that has the model installed", () => {
    expect(chooseHost([host("a", { busy: 3 }), host("b", { busy: 1 }), host("c", { installed: false })])).toBe("b");
  });

  it("never a host that is down or lacks the model; null when none is left", () => {
    expect(chooseHost([host("a", { up: false, loaded: true }), host("b", { busy: 9 })])).toBe("b");
    expect(chooseHost([host("a", { up: false }), host("b", { installed: false })])).toBeNull();
    expect(chooseHost([])).toBeNull();
  });

  it("between equal queues for the model, the host with less other work", () => {
    expect(chooseHost([host("a", { busy: 1, hostBusy: 7 }), host("b", { busy: 1, hostBusy: 2 })])).toBe("b");
  });

  it("among equals, the lane's previous host, then the configured order", () => {
    expect(chooseHost([host("a"), host("b")])).toBe("a");
    expect(chooseHost([host("a"), host("b")], { prefer: "b" })).toBe("b");
    expect(chooseHost([host("a"), host("b", { busy: 1 })], { prefer: "b" })).toBe("a");
  });

  it("backs off a failing host: 5, 10, 20, 40, then 60 s", () => {
    expect([1, 2, 3, 4, 5, 9].map(healthBackoffSeconds)).toEqual([5, 10, 20, 40, 60, 60]);
    expect(healthBackoffSeconds(0)).toBe(10);
  });
});
