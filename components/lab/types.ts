import type { LabImageView } from "@/lib/lab/image-store";
import type { LabRunView, LabCellView } from "@/lib/lab/runs";

export type { LabImageView, LabRunView, LabCellView };

export type ModelOption = {
  name: string;
  kind: "vision" | "text";
  parameterSize: string;
  quantization: string;
  sizeBytes: number;
  contextLength: number | null;
  licence: { summary: string; isNonCommercial: boolean };
};

export type SampleOption = { id: string; title: string; kind: string; description: string; width: number; height: number };

export type RunSummary = {
  id: string;
  status: string;
  createdAt: string;
  textModel: string | null;
  visionModel: string | null;
  image: { fileName: string | null; sampleId: string | null };
};
