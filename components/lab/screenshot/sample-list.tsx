import type { LabImageView, SampleOption } from "@/components/lab/types";
import { cn } from "@/lib/utils/cn";

/** The shipped samples, each with its crop when it has one; the chosen one is pressed. */
export function SampleList({
  samples,
  image,
  busy,
  onSample,
}: {
  samples: SampleOption[];
  image: LabImageView | null;
  busy: boolean;
  onSample: (sampleId: string) => void;
}) {
  return (
    <fieldset>
      <legend className="font-semibold">Or pick a sample screenshot</legend>
      <p className="text-sm text-ink-muted">
        Samples come with their ground truth (text, controls and their state, values, the trap), so every column gets scored.
      </p>
      <ul className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-3">
        {samples
          .filter((s) => !s.cropOf)
          .map((s, i) => {
            const crop = samples.find((c) => c.cropOf === s.id);
            return (
              <li key={s.id} className="flex flex-col gap-1">
                <button
                  type="button"
                  disabled={busy}
                  aria-pressed={image?.sampleId === s.id}
                  onClick={() => onSample(s.id)}
                  className={cn(
                    "flex w-full flex-col overflow-hidden rounded-xl border bg-surface text-left text-sm",
                    image?.sampleId === s.id ? "border-accent ring-2 ring-accent" : "border-line hover:border-line-strong",
                  )}
                >
                  {/* eslint-disable-next-line @next/next/no-img-element -- a 400 px WebP made once by the server (lib/lab/server/sample-thumbnails.ts) */}
                  <img
                    src={s.thumbnail.url}
                    alt=""
                    width={s.thumbnail.width}
                    height={s.thumbnail.height}
                    // The first row is on the first screen on a desktop; the rest wait until scrolled to.
                    loading={i < 3 ? "eager" : "lazy"}
                    className="aspect-[16/10] w-full bg-sunken object-cover object-top"
                  />
                  <span className="p-2 font-medium">{s.title}</span>
                </button>
                {crop ? (
                  <button
                    type="button"
                    disabled={busy}
                    aria-pressed={image?.sampleId === crop.id}
                    onClick={() => onSample(crop.id)}
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
  );
}
