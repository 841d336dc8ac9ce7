import { useId, type ReactNode } from "react";

// How a vision-language model sees, as the lesson's section tells it: image, patches, vision
// encoder, merger, language model, answer. Two drawings of the same diagram: a row on wide
// screens and a column on phones, so the text stays readable at 390 px; the one not shown is
// display:none and out of the accessibility tree.

type Stage = { title: string; lines: [string, string]; icon: (x: number, y: number) => ReactNode };

const outline = "fill-surface stroke-ink-muted";

/** A screenshot: a window with a title bar, two lines of text and a button. */
function Screen({ x, y, grid = false }: { x: number; y: number; grid?: boolean }) {
  return (
    <g transform={`translate(${x} ${y})`}>
      <rect width={72} height={52} rx={4} className={outline} strokeWidth={1.5} />
      <line x1={0} x2={72} y1={10} y2={10} className="stroke-ink-muted" strokeWidth={1.5} />
      <rect x={8} y={17} width={38} height={4} rx={2} className="fill-ink-muted" />
      <rect x={8} y={26} width={50} height={4} rx={2} className="fill-ink-muted" />
      <rect x={42} y={37} width={22} height={9} rx={2} className="fill-accent" />
      {grid
        ? [12, 24, 36, 48, 60].map((gx) => <line key={`v${gx}`} x1={gx} x2={gx} y1={0} y2={52} className="stroke-accent" strokeWidth={1} />)
        : null}
      {grid
        ? [13, 26, 39].map((gy) => <line key={`h${gy}`} x1={0} x2={72} y1={gy} y2={gy} className="stroke-accent" strokeWidth={1} />)
        : null}
    </g>
  );
}

const STAGES: Stage[] = [
  { title: "Image", lines: ["a screenshot,", "say 1280 × 720 px"], icon: (x, y) => <Screen x={x - 36} y={y - 26} /> },
  { title: "Patches", lines: ["cut into squares", "of 14 × 14 px"], icon: (x, y) => <Screen x={x - 36} y={y - 26} grid /> },
  {
    title: "Vision encoder",
    lines: ["turns each patch", "into a vector"],
    icon: (x, y) => (
      <g transform={`translate(${x - 30} ${y - 26})`}>
        {[0, 1, 2].map((i) => (
          <rect key={i} x={i * 6} y={i * 6} width={48} height={40} rx={5} className={outline} strokeWidth={1.5} />
        ))}
        <text x={36} y={38} textAnchor="middle" className="fill-ink text-[12px] font-semibold">
          ViT
        </text>
      </g>
    ),
  },
  {
    title: "Merger",
    lines: ["2 × 2 patches make", "1 image token"],
    icon: (x, y) => (
      <g transform={`translate(${x - 38} ${y - 15})`}>
        {[0, 1].flatMap((r) =>
          [0, 1].map((c) => (
            <rect key={`${r}${c}`} x={c * 15} y={r * 15} width={13} height={13} rx={2} className={outline} strokeWidth={1.5} />
          )),
        )}
        <path d="M34 14 h14 m-5 -5 l5 5 l-5 5" className="fill-none stroke-ink" strokeWidth={1.5} />
        <rect x={54} y={1} width={26} height={26} rx={3} className="fill-accent" />
      </g>
    ),
  },
  {
    title: "Language model",
    lines: ["reads image tokens", "and your text tokens"],
    icon: (x, y) => (
      <g transform={`translate(${x - 46} ${y - 24})`}>
        <rect width={92} height={48} rx={6} className={outline} strokeWidth={1.5} />
        {[0, 1, 2, 3].map((i) => (
          <rect key={`i${i}`} x={8 + i * 11} y={18} width={9} height={12} rx={2} className="fill-accent" />
        ))}
        {[0, 1, 2].map((i) => (
          <rect key={`t${i}`} x={54 + i * 11} y={18} width={9} height={12} rx={2} className="fill-surface stroke-ink" strokeWidth={1.25} />
        ))}
      </g>
    ),
  },
  {
    title: "Answer",
    lines: ["text, one token", "at a time"],
    icon: (x, y) => (
      <g transform={`translate(${x - 34} ${y - 24})`}>
        <path
          d="M6 0 h56 a6 6 0 0 1 6 6 v28 a6 6 0 0 1 -6 6 h-38 l-10 9 v-9 h-8 a6 6 0 0 1 -6 -6 v-28 a6 6 0 0 1 6 -6 z"
          className={outline}
          strokeWidth={1.5}
        />
        <rect x={10} y={11} width={46} height={4} rx={2} className="fill-ink-muted" />
        <rect x={10} y={21} width={34} height={4} rx={2} className="fill-ink-muted" />
      </g>
    ),
  },
];

const TITLE = "How a vision-language model sees an image";
const DESC =
  "Six steps in order. 1, Image: a screenshot, say 1280 by 720 pixels. 2, Patches: the vision encoder cuts it into squares of 14 by 14 pixels. " +
  "3, Vision encoder: a vision transformer turns each patch into a vector. 4, Merger: every 2 by 2 group of patches becomes one image token, " +
  "so each 28 by 28 pixel block is one token for Qwen2.5-VL (Qwen3-VL uses 32 by 32). 5, Language model: it reads the image tokens placed next to the text tokens of your prompt. " +
  "6, Answer: it writes text, one token at a time. The language model never sees pixels, only image tokens.";

function Arrow({ x1, y1, x2, y2 }: { x1: number; y1: number; x2: number; y2: number }) {
  const horizontal = y1 === y2;
  const head = horizontal
    ? `M${x2 - 6} ${y2 - 5} L${x2} ${y2} L${x2 - 6} ${y2 + 5}`
    : `M${x2 - 5} ${y2 - 6} L${x2} ${y2} L${x2 + 5} ${y2 - 6}`;
  return (
    <g className="fill-none stroke-ink" strokeWidth={1.75} strokeLinecap="round" strokeLinejoin="round">
      <line x1={x1} y1={y1} x2={x2} y2={y2} />
      <path d={head} />
    </g>
  );
}

function Caption({ x, y, stage, anchor }: { x: number; y: number; stage: Stage; anchor: "middle" | "start" }) {
  return (
    <text x={x} y={y} textAnchor={anchor}>
      <tspan className="fill-ink text-[14px] font-semibold">{stage.title}</tspan>
      {stage.lines.map((line, i) => (
        <tspan key={line} x={x} dy={i === 0 ? 18 : 16} className="fill-ink-muted text-[12.5px]">
          {line}
        </tspan>
      ))}
    </text>
  );
}

const COLUMN = 132;
const WIDE = { width: COLUMN * STAGES.length, height: 176 };
const ROW = 82;
const NARROW = { width: 320, height: ROW * STAGES.length };

export function VlmDiagram() {
  const id = useId();
  const svgProps = (variant: "wide" | "narrow") => ({
    role: "img" as const,
    "aria-labelledby": `${id}-${variant}-title`,
    "aria-describedby": `${id}-${variant}-desc`,
  });
  return (
    <figure className="not-prose my-8 rounded-xl border border-line bg-surface p-4 sm:p-5">
      <svg {...svgProps("wide")} viewBox={`0 0 ${WIDE.width} ${WIDE.height}`} className="hidden h-auto w-full font-sans md:block">
        <title id={`${id}-wide-title`}>{TITLE}</title>
        <desc id={`${id}-wide-desc`}>{DESC}</desc>
        {STAGES.map((stage, i) => {
          const cx = COLUMN * i + COLUMN / 2;
          return (
            <g key={stage.title}>
              {stage.icon(cx, 48)}
              <Caption x={cx} y={112} stage={stage} anchor="middle" />
              {i < STAGES.length - 1 ? <Arrow x1={cx + 50} y1={48} x2={cx + COLUMN - 50} y2={48} /> : null}
            </g>
          );
        })}
      </svg>
      <svg
        {...svgProps("narrow")}
        viewBox={`0 0 ${NARROW.width} ${NARROW.height}`}
        className="mx-auto block h-auto w-full max-w-sm font-sans md:hidden"
      >
        <title id={`${id}-narrow-title`}>{TITLE}</title>
        <desc id={`${id}-narrow-desc`}>{DESC}</desc>
        {STAGES.map((stage, i) => {
          const cy = ROW * i + 32;
          return (
            <g key={stage.title}>
              {stage.icon(52, cy)}
              <Caption x={118} y={cy - 12} stage={stage} anchor="start" />
              {i < STAGES.length - 1 ? <Arrow x1={52} y1={cy + 30} x2={52} y2={cy + ROW - 30} /> : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-3 text-sm text-ink-muted">
        The language model never sees pixels: it reads image tokens, one per 28 × 28 px block for Qwen2.5-VL (32 × 32 for Qwen3-VL).
      </figcaption>
    </figure>
  );
}
