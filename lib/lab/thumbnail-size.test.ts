import { describe, expect, it } from "vitest";
import { thumbnailSize } from "@/lib/lab/thumbnail-size";

describe("a sample's thumbnail size", () => {
  it("is 400 px wide with the sample's proportions, never enlarged", () => {
    expect(thumbnailSize(2560, 1600)).toEqual({ width: 400, height: 250 });
    expect(thumbnailSize(1280, 800)).toEqual({ width: 400, height: 250 });
    expect(thumbnailSize(900, 1600)).toEqual({ width: 400, height: 711 });
    expect(thumbnailSize(320, 200)).toEqual({ width: 320, height: 200 });
  });
});
