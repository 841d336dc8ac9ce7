import { cellLabel } from "@/lib/submissions/completeness";
import type { EvidenceCell } from "@/lib/submissions/schemas";
import { formatBytes, formatDuration, formatNumber } from "@/lib/format";
import { ScrollTable } from "@/components/ui/scroll-table";

/**
 * The numbers a write-up rests on, filled in from the run (never retyped): which weights and which
 * Ollama, then load, first token, speed and memory per answer.
 */
export function EvidenceTable({ cells, caption = "Evidence from the run" }: { cells: EvidenceCell[]; caption?: string }) {
  const modelCells = cells.filter((c) => c.column !== "OCR");
  const models = [...new Map(modelCells.filter((c) => c.stamp).map((c) => [c.stamp!.model, c.stamp!])).values()];
  return (
    <div className="flex flex-col gap-4">
      {models.length ? (
        <dl className="grid gap-3 text-sm sm:grid-cols-2" data-testid="evidence-models">
          {models.map((stamp) => (
            <div key={stamp.model} className="rounded-lg border border-line bg-surface p-3">
              <dt className="font-mono font-semibold">{stamp.model}</dt>
              <dd className="mt-1 text-ink-muted">
                digest <span className="font-mono">{stamp.digest.replace("sha256:", "").slice(0, 12)}</span>,{" "}
                {stamp.quantization || "quantisation unknown"}, Ollama {stamp.ollamaVersion ?? "version unknown"}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      <ScrollTable label={caption} className="">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-sunken text-xs text-ink-muted">
            <tr>
              <th scope="col" className="px-3 py-2 font-semibold">
                Answer
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                Load
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                First token
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                Tokens/s
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                Memory
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                On GPU
              </th>
            </tr>
          </thead>
          <tbody>
            {modelCells.map((c) => {
              const m = c.metrics;
              return (
                <tr key={c.key} className="border-t border-line">
                  <th scope="row" className="px-3 py-2 font-medium">
                    {cellLabel(c)}
                  </th>
                  <td className="px-3 py-2">{m ? (m.isCold ? `cold, ${formatDuration(m.loadMs)}` : "warm") : "—"}</td>
                  <td className="px-3 py-2">{formatDuration(m?.timeToFirstTokenMs)}</td>
                  <td className="px-3 py-2">{formatNumber(m?.tokensPerSecond, 1)}</td>
                  <td className="px-3 py-2">{m?.resident ? formatBytes(m.resident.sizeBytes) : "—"}</td>
                  <td className="px-3 py-2">{m?.resident ? `${m.resident.percentOnGpu}%` : "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollTable>
    </div>
  );
}
