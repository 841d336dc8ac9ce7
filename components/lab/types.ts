import type { LabImageView } from "@/lib/lab/types";
import type { LabCellView, LabRunSummary, LabRunView } from "@/lib/lab/types";

export type { LabImageView, LabRunView, LabCellView, LabRunSummary };

export type ModelOption = {
  name: string;
  kind: "vision" | "text";
  parameterSize: string;
  quantization: string;
  sizeBytes: number;
  contextLength: number | null;
  licence: { summary: string; isNonCommercial: boolean };
  /** ignores think:false: its answer may land in its thinking */
  isThinkingVariant: boolean;
};

export type SampleOption = {
  id: string;
  title: string;
  kind: string;
  description: string;
  width: number;
  height: number;
  /** a crop of another sample at full resolution, offered under it ("send a crop instead") */
  cropOf: string | null;
  cropNote: string | null;
  /** the gallery's small WebP, with its size so nothing shifts as it loads */
  thumbnail: { url: string; width: number; height: number };
};
