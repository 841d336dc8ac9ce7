import type { Ref } from "react";
import { flushSync } from "react-dom";
import { Eye } from "lucide-react";
import type { LabImageView, SampleOption } from "@/components/lab/types";
import { Button } from "@/components/ui/button";
import { formatBytes, formatNumber } from "@/lib/format";
import type { EstimateState } from "@/lib/lab/workbench-state";
import { ENGINE_LABELS, type OllamaEngine } from "@/lib/ollama/engine";

/**
 * The chosen screenshot: as sent, its sizes before and after, and the image tokens it should cost
 * (hidden until the student has predicted, or chosen to look first). Focused after each pick.
 */
export function ImageDetails({
  ref,
  image,
  samples,
  engine,
  engineIsAssumed,
  estimate,
  onRevealEstimate,
}: {
  ref?: Ref<HTMLElement>;
  image: LabImageView;
  samples: SampleOption[];
  /** the engine of the Ollama the lab talks to: it decides the token rule */
  engine: OllamaEngine;
  engineIsAssumed: boolean;
  estimate: EstimateState;
  onRevealEstimate: () => void;
}) {
  return (
    <section
      ref={ref}
      tabIndex={-1}
      aria-labelledby="preview-title"
      className="scroll-my-6 rounded-2xl border border-line bg-surface p-4"
      data-testid="screenshot-preview"
    >
      <h3 id="preview-title" className="mb-3 text-lg font-semibold">
        Your screenshot
      </h3>
      <figure className="grid gap-4 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
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
            {image.sampleId ? samples.find((s) => s.id === image.sampleId)?.title : (image.fileName ?? "Uploaded screenshot")}
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
          {estimate === "hidden" ? (
            <EstimateHidden onReveal={onRevealEstimate} />
          ) : (
            <TokenEstimate image={image} engine={engine} engineIsAssumed={engineIsAssumed} lookedFirst={estimate === "before-predicting"} />
          )}
        </figcaption>
      </figure>
    </section>
  );
}

function EstimateHidden({ onReveal }: { onReveal: () => void }) {
  return (
    <div className="mt-3 rounded-lg border border-dashed border-line-strong p-3" data-testid="estimate-hidden">
      <p className="font-semibold">Expected image tokens: hidden for now</p>
      <p className="mt-1 text-ink-muted">
        Predict the cost first (under 4. Predict, then run) and lock it in: the estimate then shows here, and the results check your
        prediction against Ollama&apos;s count.
      </p>
      <Button
        variant="secondary"
        onClick={() => {
          // The button goes with the click: focus moves to what it revealed.
          flushSync(onReveal);
          document.getElementById("token-estimate")?.focus();
        }}
        className="mt-2"
      >
        <Eye aria-hidden="true" className="size-4" />
        Reveal the estimate
      </Button>
    </div>
  );
}

function TokenEstimate({
  image,
  engine,
  engineIsAssumed,
  lookedFirst,
}: {
  image: LabImageView;
  engine: OllamaEngine;
  engineIsAssumed: boolean;
  /** shown before a prediction: no token prediction is graded for this screenshot */
  lookedFirst: boolean;
}) {
  return (
    <div id="token-estimate" tabIndex={-1} className="rounded-lg">
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
      {lookedFirst ? (
        <p className="mt-2 text-xs font-semibold">Shown before you predicted, so this run does not grade an image-token prediction.</p>
      ) : null}
    </div>
  );
}
