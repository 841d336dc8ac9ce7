"use client";

import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import type { LabImageView } from "@/lib/lab/types";

function clearFileInput(input: HTMLInputElement | null) {
  if (input) input.value = "";
}

export type UploadRejection = { fileName: string | null; message: string };

export type LabUpload = {
  /** an upload or a sample is being checked by the server */
  busy: boolean;
  /** what the server (or the size check) refused, naming the file */
  rejection: UploadRejection | null;
  /** the file input, cleared when it would name a file not in use, and focused again after a refused upload */
  inputRef: RefObject<HTMLInputElement | null>;
  /** a chosen, dropped or pasted file */
  upload: (file: File | null | undefined) => void;
  chooseSample: (sampleId: string) => void;
};

/**
 * Sending the lab a screenshot: a file (chosen, dropped, or pasted anywhere on the page) or a
 * shipped sample, checked and normalised by the server (/api/lab/images).
 */
export function useLabUpload(onImage: (image: LabImageView) => void, maxUploadMb: number): LabUpload {
  const [rejection, setRejection] = useState<UploadRejection | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  // The input is disabled while an upload is checked, which drops its focus: after a refusal it is
  // given back once the input is enabled again, so the keyboard is where it was.
  const refocusRef = useRef(false);
  useEffect(() => {
    if (busy || !refocusRef.current) return;
    refocusRef.current = false;
    inputRef.current?.focus();
  }, [busy]);

  const send = useCallback(
    async (body: FormData | { sampleId: string }, fileName: string | null) => {
      setBusy(true);
      setRejection(null);
      // The file input would otherwise go on naming a file that is not the one in use: a sample,
      // a dropped or pasted image, or a file the server refused (the message names that one).
      if (!(body instanceof FormData) || inputRef.current?.files?.[0]?.name !== fileName) clearFileInput(inputRef.current);
      try {
        const response = await fetch(
          "/api/lab/images",
          body instanceof FormData
            ? { method: "POST", body }
            : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) },
        );
        const json = (await response.json().catch(() => ({}))) as LabImageView & { error?: string };
        if (!response.ok) throw new Error(json.error ?? `The server answered ${response.status}.`);
        onImage(json);
      } catch (e) {
        if (body instanceof FormData) {
          clearFileInput(inputRef.current);
          // A refused upload is read from the input (an accepted one sends focus to the preview).
          const focused = document.activeElement;
          if (!focused || focused === document.body || focused === inputRef.current) refocusRef.current = true;
        }
        setRejection({
          fileName,
          message:
            (e as Error).message === "Failed to fetch"
              ? "The server could not be reached. Check your connection and try again."
              : (e as Error).message,
        });
      } finally {
        setBusy(false);
      }
    },
    [onImage],
  );

  const upload = useCallback(
    (file: File | null | undefined) => {
      if (!file) return;
      // Said here at once: the server refuses an oversize upload before reading it, and a browser
      // still sending may then see only a dropped connection.
      if (file.size > maxUploadMb * 1_000_000) {
        clearFileInput(inputRef.current);
        setRejection({
          fileName: file.name,
          message: `The file is larger than the ${maxUploadMb} MB limit. Crop the screenshot or save it as JPEG.`,
        });
        return;
      }
      const data = new FormData();
      data.set("screenshot", file);
      void send(data, file.name);
    },
    [send, maxUploadMb],
  );

  // A pasted image is an upload wherever the focus is.
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const file = [...(event.clipboardData?.files ?? [])].find((f) => f.type.startsWith("image/"));
      if (file) {
        event.preventDefault();
        upload(file);
      }
    };
    window.addEventListener("paste", onPaste);
    return () => window.removeEventListener("paste", onPaste);
  }, [upload]);

  const chooseSample = useCallback((sampleId: string) => void send({ sampleId }, null), [send]);
  return { busy, rejection, inputRef, upload, chooseSample };
}
