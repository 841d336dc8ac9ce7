import { expectedImageTokens, VISION_FAMILIES, type VisionFamily } from "@/lib/images/tokens";
import type { LabImageView } from "@/lib/lab/types";

/** A stored screenshot as the browser sees it: its sizes and what each vision model family would pay for it. */
export function toImageView(row: {
  id: string;
  format: string;
  width: number;
  height: number;
  bytes: number;
  originalFormat: string;
  originalWidth: number;
  originalHeight: number;
  originalBytes: number;
  sampleId: string | null;
  fileName: string | null;
}): LabImageView {
  return {
    id: row.id,
    url: `/api/lab/images/${row.id}`,
    format: row.format,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    original: { format: row.originalFormat, width: row.originalWidth, height: row.originalHeight, bytes: row.originalBytes },
    sampleId: row.sampleId,
    fileName: row.fileName,
    expectedTokens: (["llama-server", "go", "go-1mp"] as const).flatMap((engine) =>
      (Object.keys(VISION_FAMILIES) as VisionFamily[])
        // Qwen3-VL arrived after the 1 MP era.
        .filter((family) => engine !== "go-1mp" || family === "qwen2.5-vl")
        .map((family) => ({
          family,
          label: VISION_FAMILIES[family].label,
          engine,
          tokens: expectedImageTokens(row.width, row.height, family, engine),
          tokensBeforeResize: expectedImageTokens(row.originalWidth, row.originalHeight, family, engine),
        })),
    ),
  };
}
