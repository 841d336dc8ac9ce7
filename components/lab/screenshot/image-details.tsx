import type { LabImageView, SampleOption } from "@/components/lab/types";
import { formatBytes, formatNumber } from "@/lib/format";
import { ENGINE_LABELS, type OllamaEngine } from "@/lib/ollama/engine";

/** The chosen screenshot: as sent, its sizes before and after, and the image tokens it should cost. */
export function ImageDetails({
  image,
  samples,
  engine,
  engineIsAssumed,
}: {
  image: LabImageView;
  samples: SampleOption[];
  /** the engine of the Ollama the lab talks to: it decides the token rule */
  engine: OllamaEngine;
  engineIsAssumed: boolean;
}) {
  return (
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
  );
}
