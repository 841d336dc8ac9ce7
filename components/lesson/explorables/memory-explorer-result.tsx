import { ResultPanel, Stat } from "@/components/lesson/explorables/fields";
import { MEMORY_NOTES } from "@/lib/content/explorable-notes";
import { formatBytes, formatNumber } from "@/lib/format";
import { VISION_GRAPH_BYTES, type Fit, type FitKind } from "@/lib/models/memory";
import { GB, type ModelFit } from "@/lib/models/model-fit";

// The memory explorer's answer: where Ollama would put the model, in words and figures.

const percent = (fit: Fit) => `${formatNumber(fit.percentOnGpu, fit.percentOnGpu < 99.5 ? 0 : 1)}%`;

function fitText(fit: Fit): string {
  switch (fit.kind) {
    case "gpu":
      return "All on the GPU";
    case "partial":
      return `Split: ${percent(fit)} on the GPU`;
    case "cpu":
      return "CPU only";
    case "none":
      return "Won't fit";
  }
}

/** What /api/ps would show, or why nothing would. */
const FIT_DETAIL: Record<FitKind, string> = {
  gpu: "size_vram equals size: fast",
  partial: "the rest runs on the CPU: slow",
  cpu: "size_vram is 0: slow",
  none: "more than GPU memory and RAM together",
};

/** One line for both ends of the estimate; the stats below give each end. */
function verdict({ best, worst }: ModelFit["fit"]): string {
  if (best.kind === worst.kind && best.percentOnGpu === worst.percentOnGpu) return fitText(best);
  if (best.kind === "partial" && worst.kind === "partial") return `Split: ${percent(worst)} to ${percent(best)} on the GPU`;
  return "Tight: it depends on the vision graph";
}

export function MemoryResult({
  result,
  invalid,
  numCtx,
  vramGb,
  ramGb,
}: {
  result: ModelFit | null;
  invalid: string[];
  numCtx: number;
  vramGb: number;
  ramGb: number;
}) {
  if (!result) {
    return (
      <ResultPanel
        testId="memory-explorer-result"
        headline="No estimate yet"
        explanation={`Fix the ${invalid.join(" and the ")} above; what you typed is kept.`}
      >
        <Stat term="Resident memory" value="—" detail={"\u00a0"} />
        <Stat term="With a 1 GB vision graph" value="—" detail={"\u00a0"} />
        <Stat term="With a 2 GB vision graph" value="—" detail={"\u00a0"} />
      </ResultPanel>
    );
  }
  const { estimate, fit, kvBytesPerToken } = result;
  const graph = `${formatBytes(VISION_GRAPH_BYTES.low, 0)} to ${formatBytes(VISION_GRAPH_BYTES.high, 0)}`;
  const notes: string[] = [];
  const kinds = new Set([fit.best.kind, fit.worst.kind]);
  if (kinds.has("partial")) notes.push(MEMORY_NOTES.partial);
  if (kinds.has("cpu")) notes.push(MEMORY_NOTES.cpu);
  if (kinds.has("none"))
    notes.push(
      `GPU memory and RAM together (${formatNumber(vramGb + ramGb, 1)} GB) are less than the estimate: try a smaller tag, a shorter context or a smaller KV cache type.`,
    );
  if (kinds.size === 1 && kinds.has("gpu"))
    notes.push(`About ${formatBytes(Math.max(0, vramGb * GB - estimate.residentBytes.high))} of GPU memory left at the larger estimate.`);

  return (
    <ResultPanel
      testId="memory-explorer-result"
      headline={verdict(fit)}
      explanation={`Resident memory about ${formatBytes(estimate.residentBytes.low)} to ${formatBytes(estimate.residentBytes.high)}: the ${formatBytes(estimate.weightsBytes)} download, ${graph} for the vision graph, and ${formatBytes(estimate.kvCacheBytes)} of KV cache (${formatNumber(numCtx)} tokens × ${formatNumber(kvBytesPerToken / 1000, 1)} KB).`}
      notes={notes}
    >
      <Stat
        term="Resident memory"
        value={`${formatBytes(estimate.residentBytes.low)}–${formatBytes(estimate.residentBytes.high)}`}
        detail={`with ${formatNumber(numCtx)} tokens of context`}
      />
      <Stat term="With a 1 GB vision graph" value={fitText(fit.best)} detail={FIT_DETAIL[fit.best.kind]} />
      <Stat term="With a 2 GB vision graph" value={fitText(fit.worst)} detail={FIT_DETAIL[fit.worst.kind]} />
    </ResultPanel>
  );
}
