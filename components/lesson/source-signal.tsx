import { getModelFacts } from "@/lib/content/server/lessons";
import { TableHead } from "@/components/ui/table-head";
import { ScrollTable } from "@/components/ui/scroll-table";
import { formatDate } from "@/lib/format";

/** The dated table of current Qwen-VL and text-only tags. */
export function SourceSignal() {
  const facts = getModelFacts();
  const checked = formatDate(`${facts.checked}T00:00:00Z`, "UTC", "long");
  // The library pages we read do not all state a minimum Ollama version: the column shows only when one does.
  const hasMinimum = facts.models.some((m) => m.minOllama);
  return (
    <div className="not-prose my-6">
      <ScrollTable label="Ollama library tags the lesson names" className="my-0">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <caption id="source-signal-caption" className="px-4 py-3 text-left text-sm text-ink-muted">
            Ollama library tags the lesson names, Q4_K_M downloads. Last checked {checked}.
          </caption>
          <TableHead
            columns={["Tag", "Kind", "Download", "Context", "Licence of the weights", ...(hasMinimum ? ["Minimum Ollama"] : [])]}
          />
          <tbody>
            {facts.models.map((m) => (
              <tr key={m.tag} className="border-t border-line align-top">
                <th scope="row" className="px-3 py-2 font-mono font-medium whitespace-nowrap">
                  {m.tag}
                </th>
                <td className="px-3 py-2">{m.kind === "vision" ? "Vision" : "Text only"}</td>
                <td className="px-3 py-2 whitespace-nowrap">{m.download}</td>
                <td className="px-3 py-2">{m.context}</td>
                <td className="px-3 py-2">
                  {m.licence}
                  {m.nonCommercial ? <strong className="block text-xs font-semibold text-danger">Non-commercial</strong> : null}
                </td>
                {hasMinimum ? <td className="px-3 py-2 text-ink-muted">{m.minOllama ?? "not stated"}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <p className="mt-2 text-sm text-ink-muted">
        Source: {facts.source.url ? <a href={facts.source.url}>{facts.source.title}</a> : facts.source.title} ({facts.source.publisher}),
        read {formatDate(`${facts.source.date}T00:00:00Z`, "UTC", "long")}. Tags, sizes and licences change: check the tag&apos;s library
        page before you pull. A too-old Ollama refuses the pull and names the version it needs.
      </p>
    </div>
  );
}
