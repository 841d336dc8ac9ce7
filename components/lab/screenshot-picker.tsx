"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { CircleAlert, ImageUp } from "lucide-react";
import { Notice } from "@/components/ui/notice";
import type { LabImageView, SampleOption } from "@/components/lab/types";
import { cn } from "@/lib/utils/cn";
import { formatBytes, formatNumber } from "@/lib/format";
import { ENGINE_LABELS, type OllamaEngine } from "@/lib/ollama/engine";

function clearFileInput(input: HTMLInputElement | null) {
  if (input) input.value = "";
}

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
  const [rejection, setRejection] = useState<{ fileName: string | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [isDragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  // The input is disabled while an upload is checked, which drops its focus: given back once it
  // is enabled again, so the keyboard is where it was and a refusal is read from the input.
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
        if (body instanceof FormData) clearFileInput(inputRef.current);
        setRejection({
          fileName,
          message:
            (e as Error).message === "Failed to fetch"
              ? "The server could not be reached. Check your connection and try again."
              : (e as Error).message,
        });
      } finally {
        setBusy(false);
        const focused = document.activeElement;
        if (body instanceof FormData && (!focused || focused === document.body || focused === inputRef.current)) refocusRef.current = true;
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

  // A refused file is said where it was dropped, chosen or pasted, and scrolled into sight.
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (rejection) errorRef.current?.scrollIntoView({ block: "nearest" });
  }, [rejection]);

  const error = rejection ? null : formError;
  const isInvalid = Boolean(rejection || error);

  return (
    <div className="flex flex-col gap-5">
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
            upload(e.dataTransfer.files[0]);
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
            PNG, JPEG or WebP, up to {maxUploadMb} MB. Drop it here, paste it (Ctrl+V), or choose a file.
          </p>
          <input
            ref={inputRef}
            id="screenshot-file"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            aria-describedby={isInvalid ? "screenshot-error screenshot-hint" : "screenshot-hint"}
            aria-invalid={isInvalid || undefined}
            disabled={busy}
            onChange={(e) => upload(e.target.files?.[0])}
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
                {image ? <p className="mt-1">The screenshot chosen before is still the one that will be sent.</p> : null}
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

      <fieldset>
        <legend className="font-semibold">Or pick a sample screenshot</legend>
        <p className="text-sm text-ink-muted">
          Samples come with their ground truth (text, controls and their state, values, the trap), so every column gets scored.
        </p>
        <ul className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-3">
          {samples
            .filter((s) => !s.cropOf)
            .map((s) => {
              const crop = samples.find((c) => c.cropOf === s.id);
              return (
                <li key={s.id} className="flex flex-col gap-1">
                  <button
                    type="button"
                    disabled={busy}
                    aria-pressed={image?.sampleId === s.id}
                    onClick={() => void send({ sampleId: s.id }, null)}
                    className={cn(
                      "flex w-full flex-col overflow-hidden rounded-xl border bg-surface text-left text-sm",
                      image?.sampleId === s.id ? "border-accent ring-2 ring-accent" : "border-line hover:border-line-strong",
                    )}
                  >
                    {/* eslint-disable-next-line @next/next/no-img-element -- a small thumbnail of a route-served PNG */}
                    <img
                      src={`/api/lab/samples/${s.id}`}
                      alt=""
                      width={s.width}
                      height={s.height}
                      loading="lazy"
                      className="aspect-[16/10] w-full bg-sunken object-cover object-top"
                    />
                    <span className="p-2 font-medium">{s.title}</span>
                  </button>
                  {crop ? (
                    <button
                      type="button"
                      disabled={busy}
                      aria-pressed={image?.sampleId === crop.id}
                      onClick={() => void send({ sampleId: crop.id }, null)}
                      className={cn(
                        "min-h-11 rounded-lg border px-2 py-1 text-left text-xs",
                        image?.sampleId === crop.id ? "border-accent bg-accent-soft font-semibold" : "border-line hover:border-line-strong",
                      )}
                    >
                      Send a crop instead<span className="block text-ink-muted">{crop.cropNote}</span>
                    </button>
                  ) : null}
                </li>
              );
            })}
        </ul>
      </fieldset>

      {image ? (
        <figure className="grid gap-4 rounded-2xl border border-line bg-surface p-4 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
          {/* eslint-disable-next-line @next/next/no-img-element -- the owner's stored image, served by a route that checks access */}
          <img
            src={image.url}
            alt={`The screenshot being compared${image.fileName ? `: ${image.fileName}` : ""}`}
            width={image.width}
            height={image.height}
            className="h-auto w-full rounded-lg border border-line"
          />
          <figcaption className="text-sm">
            <p className="font-semibold">
              {image.sampleId ? samples.find((s) => s.id === image.sampleId)?.title : (image.fileName ?? "Your screenshot")}
            </p>
            <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
              <dt className="text-ink-muted">Original</dt>
              <dd>
                {image.original.width}x{image.original.height} {image.original.format.toUpperCase()}, {formatBytes(image.original.bytes)}
              </dd>
              <dt className="text-ink-muted">Sent to models</dt>
              <dd>
                {image.width}x{image.height} {image.format.toUpperCase()}, {formatBytes(image.bytes)}, metadata removed
              </dd>
            </dl>
            <table className="mt-3 w-full text-left">
              <caption className="text-left text-ink-muted">Expected image tokens</caption>
              <thead>
                <tr>
                  <th scope="col" className="py-1 font-semibold">
                    Model family
                  </th>
                  <th scope="col" className="py-1 font-semibold">
                    Sent size
                  </th>
                  <th scope="col" className="py-1 font-semibold">
                    Original
                  </th>
                </tr>
              </thead>
              <tbody>
                {image.expectedTokens
                  .filter((t) => t.engine === engine)
                  .map((t) => (
                    <tr key={t.family} className="border-t border-line">
                      <td className="py-1">{t.label}</td>
                      <td className="py-1">about {formatNumber(t.tokens)}</td>
                      <td className="py-1">about {formatNumber(t.tokensBeforeResize)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
            <p className="mt-2 text-xs text-ink-muted">
              Estimates for {ENGINE_LABELS[engine]}
              {engineIsAssumed ? " (assumed: your Ollama did not say which version it is)" : ""}, 2 tokens per image included.{" "}
              {engine === "llama-server"
                ? "There every Qwen-VL image costs 1,024 to 4,096 tokens, so shrinking it below about 1 megapixel saves nothing."
                : "The Go engine caps an image at about 2 megapixels (1 for Qwen2.5-VL before 0.13.4)."}{" "}
              The results show the count Ollama measured.
            </p>
          </figcaption>
        </figure>
      ) : null}
    </div>
  );
}
