"use client";

import { useEffect, useRef, useState, type RefObject } from "react";
import { CircleAlert, ImageUp } from "lucide-react";
import { Notice } from "@/components/ui/notice";
import type { UploadRejection } from "@/hooks/use-lab-upload";
import { cn } from "@/lib/utils/cn";

/** The file input labelled "Screenshot", as a drop zone, with what was refused and the form's own complaint. */
export function UploadZone({
  inputRef,
  busy,
  rejection,
  formError,
  hasImage,
  maxUploadMb,
  onFile,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  busy: boolean;
  rejection: UploadRejection | null;
  /** the form's own complaint (none chosen, or gone from the server), given way to a refusal */
  formError: string | null;
  /** a screenshot was chosen before: a refusal says it is still the one that will be sent */
  hasImage: boolean;
  maxUploadMb: number;
  onFile: (file: File | null | undefined) => void;
}) {
  const [isDragging, setDragging] = useState(false);
  // A refused file is said where it was dropped, chosen or pasted, and scrolled into sight.
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (rejection) errorRef.current?.scrollIntoView({ block: "nearest" });
  }, [rejection]);
  const error = rejection ? null : formError;
  const isInvalid = Boolean(rejection || error);

  return (
    <div>
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          onFile(e.dataTransfer.files[0]);
        }}
        className={cn(
          "rounded-2xl border-2 border-dashed p-5 text-center",
          isDragging ? "border-accent bg-accent-soft" : isInvalid ? "border-danger" : "border-line-strong",
        )}
      >
        <ImageUp aria-hidden="true" className="mx-auto size-8 text-ink-muted" />
        <label htmlFor="screenshot-file" className="mt-2 block font-semibold">
          Screenshot
        </label>
        <p id="screenshot-hint" className="text-sm text-ink-muted">
          PNG, JPEG or WebP, up to {maxUploadMb} MB.{" "}
          {/* Dropping and Ctrl+V need a mouse and a keyboard: a touch screen is only told what it can do. */}
          <span className="pointer-coarse:hidden">Drop it here, paste it (Ctrl+V), or choose a file.</span>
          <span className="hidden pointer-coarse:inline">Choose a file or a photo.</span>
        </p>
        <input
          ref={inputRef}
          id="screenshot-file"
          type="file"
          accept="image/png,image/jpeg,image/webp"
          aria-describedby={isInvalid ? "screenshot-error screenshot-hint" : "screenshot-hint"}
          aria-invalid={isInvalid || undefined}
          disabled={busy}
          onChange={(e) => onFile(e.target.files?.[0])}
          className="mx-auto mt-3 block max-w-full rounded-lg text-sm file:mr-3 file:rounded-lg file:border-0 file:bg-accent file:px-3 file:py-2 file:font-semibold file:text-on-accent aria-invalid:focus:outline-3 aria-invalid:focus:outline-offset-2 aria-invalid:focus:outline-focus"
        />
        <p aria-live="polite" className="mt-2 text-sm">
          {busy ? "Checking and preparing the image…" : null}
        </p>
      </div>
      {/* Refusals arrive after the upload, so they are announced; the form's own complaint comes with focus on the input. */}
      <div ref={errorRef} aria-live="polite" className="scroll-my-6">
        {rejection ? (
          <div id="screenshot-error" className="mt-3">
            <Notice
              tone="danger"
              title={rejection.fileName ? `${rejection.fileName} was not accepted` : "That screenshot was not accepted"}
            >
              <p>{rejection.message}</p>
              {hasImage ? <p className="mt-1">The screenshot chosen before is still the one that will be sent.</p> : null}
            </Notice>
          </div>
        ) : null}
      </div>
      {error ? (
        <p id="screenshot-error" className="mt-3 flex items-start gap-2 text-sm font-semibold text-danger">
          <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          {error}
        </p>
      ) : null}
    </div>
  );
}
