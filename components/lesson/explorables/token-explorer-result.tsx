import { ResultPanel, Stat } from "@/components/lesson/explorables/fields";
import { TOKEN_NOTES } from "@/lib/content/explorable-notes";
import { formatDuration, formatNumber } from "@/lib/format";
import type { ImageCostOutcome } from "@/lib/images/image-cost-outcome";
import { MIN_SIDE } from "@/lib/images/lab-size";
import { TOKENS_PER_IMAGE_MARKERS, VISION_FAMILIES, type VisionFamily } from "@/lib/images/tokens";
import type { OllamaEngine } from "@/lib/ollama/engine";

// The token explorer's answer: how many image tokens, how the image got there, and the caveats.

const size = (width: number, height: number) => `${formatNumber(width)} × ${formatNumber(height)} px`;

export function TokenResult({
  outcome,
  invalid,
  family,
  engine,
  isResized,
  labMaxSide,
  speed,
}: {
  outcome: ImageCostOutcome | null;
  invalid: string[];
  family: VisionFamily;
  engine: OllamaEngine;
  isResized: boolean;
  labMaxSide: number;
  speed: number | null;
}) {
  const block = VISION_FAMILIES[family].factor;
  let headline: string;
  let explanation: string;
  const notes: string[] = [];
  let stats: { sent: [string, string]; grid: [string, string]; prefill: [string, string] } = {
    sent: ["—", ""],
    grid: ["—", ""],
    prefill: ["—", ""],
  };

  if (!outcome) {
    headline = "No estimate yet";
    explanation = `Fix the ${invalid.join(" and the ")} above; what you typed is kept.`;
  } else {
    const { sent } = outcome.cost;
    const sentDetail = !isResized
      ? "as it is: not resized"
      : sent.isScaled && sent.isPadded
        ? `shrunk to ${formatNumber(labMaxSide)} px, then padded to ${MIN_SIDE} px`
        : sent.isScaled
          ? `shrunk to fit ${formatNumber(labMaxSide)} px`
          : sent.isPadded
            ? `padded with white to ${MIN_SIDE} px`
            : "already small enough: unchanged";
    stats = { ...stats, sent: [size(sent.width, sent.height), sentDetail] };

    if (outcome.kind === "crash") {
      headline = "The model runner crashes: HTTP 500";
      explanation = `On the Go engine a side under ${block} px makes Ollama's runner stop ("model runner has unexpectedly stopped"). This image's shortest side is ${outcome.smallestSide} px.`;
      notes.push(
        `Tick "Resize as the lab does": the lab pads both sides to at least ${MIN_SIDE} px. Ollama 0.30 and later scales a tiny image up to the 1,024-token minimum instead of crashing.`,
      );
    } else {
      const { cost } = outcome;
      headline = `${outcome.isApproximate ? "About " : ""}${formatNumber(cost.tokens)} image tokens`;
      explanation = `${cost.grid.columns} × ${cost.grid.rows} blocks of ${block} × ${block} px make ${formatNumber(cost.gridTokens)} tokens, plus ${TOKENS_PER_IMAGE_MARKERS} that mark where the image starts and ends.`;
      stats = {
        ...stats,
        grid: [
          size(cost.grid.width, cost.grid.height),
          outcome.scaling === "up"
            ? "scaled up to the engine's minimum"
            : outcome.scaling === "down"
              ? "scaled down to the engine's maximum"
              : `each side rounded to whole ${block} px blocks`,
        ],
        prefill: [
          // an assumed speed makes every prefill time an estimate
          cost.prefillSeconds === null ? "—" : `about ${formatDuration(cost.prefillSeconds * 1000)}`,
          `at ${formatNumber(speed)} tokens/s, your assumption`,
        ],
      };
      if (engine === "llama-server") {
        notes.push(outcome.scaling === "up" ? TOKEN_NOTES.floor : TOKEN_NOTES.range, TOKEN_NOTES.replayed);
      } else {
        notes.push(family === "qwen2.5-vl" && engine === "go-1mp" ? TOKEN_NOTES.goOneMegapixel : TOKEN_NOTES.goTwoMegapixels);
        if (family === "qwen3-vl" && engine === "go-1mp") notes.push(TOKEN_NOTES.qwen3OnOldGo);
      }
    }
  }

  return (
    <ResultPanel testId="token-explorer-result" headline={headline} explanation={explanation} notes={notes}>
      <Stat term="Sent to Ollama" value={stats.sent[0]} detail={stats.sent[1] || "\u00a0"} />
      <Stat term="The engine's resize" value={stats.grid[0]} detail={stats.grid[1] || "\u00a0"} />
      <Stat term="Prefill time" value={stats.prefill[0]} detail={stats.prefill[1] || "\u00a0"} />
    </ResultPanel>
  );
}
