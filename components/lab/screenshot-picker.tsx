"use client";

import type { LabImageView, SampleOption } from "@/components/lab/types";
import type { OllamaEngine } from "@/lib/ollama/engine";
import { useLabUpload } from "@/hooks/use-lab-upload";
import { ImageDetails } from "@/components/lab/screenshot/image-details";
import { SampleList } from "@/components/lab/screenshot/sample-list";
import { UploadZone } from "@/components/lab/screenshot/upload-zone";

/** File picker (labelled "Screenshot"), drag and drop, paste, or a shipped sample; validated on the server. */
export function ScreenshotPicker({
  samples,
  image,
  onImage,
  engine,
  engineIsAssumed,
  maxUploadMb,
  error: formError,
}: {
  samples: SampleOption[];
  image: LabImageView | null;
  onImage: (image: LabImageView) => void;
  /** the engine of the Ollama the lab talks to: it decides the token rule */
  engine: OllamaEngine;
  engineIsAssumed: boolean;
  maxUploadMb: number;
  /** the form's own complaint about the screenshot (none chosen, or gone from the server) */
  error: string | null;
}) {
  const { busy, rejection, inputRef, upload, chooseSample } = useLabUpload(onImage, maxUploadMb);
  return (
    <div className="flex flex-col gap-5">
      <UploadZone
        inputRef={inputRef}
        busy={busy}
        rejection={rejection}
        formError={formError}
        hasImage={image !== null}
        maxUploadMb={maxUploadMb}
        onFile={upload}
      />
      <SampleList samples={samples} image={image} busy={busy} onSample={chooseSample} />
      {image ? <ImageDetails image={image} samples={samples} engine={engine} engineIsAssumed={engineIsAssumed} /> : null}
    </div>
  );
}
