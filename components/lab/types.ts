import type { LabCellView, LabImageView, LabRunSummary, LabRunView, ModelOption, SampleOption } from "@/lib/lab/types";

export type { LabImageView, LabRunView, LabCellView, LabRunSummary, ModelOption, SampleOption };
