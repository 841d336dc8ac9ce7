"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { LabImageView, SampleOption } from "@/components/lab/types";
import type { OllamaEngine } from "@/lib/ollama/engine";
import type { EstimateState } from "@/lib/lab/workbench-state";
import { useLabUpload } from "@/hooks/use-lab-upload";
import { ImageDetails } from "@/components/lab/screenshot/image-details";
import { SampleList } from "@/components/lab/screenshot/sample-list";
import { UploadZone } from "@/components/lab/screenshot/upload-zone";

/**
 * File picker (labelled "Screenshot"), drag and drop, paste, or a shipped sample; validated on the
 * server. The chosen screenshot shows right under the drop zone, above the samples, and takes focus.
 */
export function ScreenshotPicker({
  samples,
  image,
  onImage,
  engine,
  engineIsAssumed,
  maxUploadMb,
  error: formError,
  estimate,
  onRevealEstimate,
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
  /** whether the image-token estimate may show yet (predict first) */
  estimate: EstimateState;
  onRevealEstimate: () => void;
}) {
  // Each accepted pick or upload moves focus to the preview (the samples' buttons and the file
  // input are disabled while the server checks the image, which would leave focus on the page).
  const [picks, setPicks] = useState(0);
  const accept = useCallback(
    (chosen: LabImageView) => {
      onImage(chosen);
      setPicks((n) => n + 1);
    },
    [onImage],
  );
  const { busy, rejection, inputRef, upload, chooseSample } = useLabUpload(accept, maxUploadMb);
  const preview = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!picks) return;
    preview.current?.scrollIntoView({ block: "nearest" });
    preview.current?.focus({ preventScroll: true });
  }, [picks]);

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
      {image ? (
        <ImageDetails
          ref={preview}
          image={image}
          samples={samples}
          engine={engine}
          engineIsAssumed={engineIsAssumed}
          estimate={estimate}
          onRevealEstimate={onRevealEstimate}
        />
      ) : null}
      <SampleList samples={samples} image={image} busy={busy} onSample={chooseSample} />
    </div>
  );
}
