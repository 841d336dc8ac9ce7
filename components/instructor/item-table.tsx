import { formatPercent } from "@/lib/format";
import { formatIndex, type ItemFlag, type ItemStats, type OptionStats } from "@/lib/quiz/analysis";
import { cn } from "@/lib/utils/cn";
import { ScrollTable } from "@/components/ui/scroll-table";

const COLUMNS = ["Item", "Question", "Attempts", "Facility", "D", "r (rest)", "Flags", "Options chosen"] as const;

export function ItemFlags({ flags }: { flags: readonly ItemFlag[] }) {
  if (!flags.length) return null;
  return (
    <ul className="space-y-1">
      {flags.map((flag) => (
        <li
          key={flag.message}
          className="flex gap-1.5 rounded-md bg-warning-soft px-2 py-1 text-xs font-medium text-ink"
          data-flag={flag.kind}
        >
          <span aria-hidden="true" className="text-warning">
            ⚠
          </span>
          <span>{flag.message}</span>
        </li>
      ))}
    </ul>
  );
}

function OptionRow({ option, kind, isEnough }: { option: OptionStats; kind: ItemStats["kind"]; isEnough: boolean }) {
  const share = option.share ?? 0;
  return (
    <li className="py-1">
      <div className="flex items-baseline gap-2">
        <span className="w-5 shrink-0 font-mono text-xs font-semibold">{option.id.toUpperCase()}</span>
        <span className={cn("min-w-0 flex-1", option.isRight && "font-semibold")}>
          {option.text}
          {option.isRight ? (
            <span className="ml-1.5 rounded bg-success-soft px-1.5 text-xs font-semibold text-success">✓ right</span>
          ) : null}
        </span>
      </div>
      <div className="mt-0.5 flex flex-wrap items-center gap-x-2 pl-7 text-xs text-ink-muted">
        {isEnough ? (
          <>
            <span aria-hidden="true" className="block h-2 w-16 shrink-0 overflow-hidden rounded-full bg-sunken">
              <span className={cn("block h-full", option.isRight ? "bg-success" : "bg-accent")} style={{ width: `${share * 100}%` }} />
            </span>
            <span className={cn("whitespace-nowrap", option.count === 0 && !option.isRight && "font-semibold text-ink")}>
              {formatPercent(option.share)} {kind === "multiple" ? "ticked" : "chose"} ({option.count})
            </span>
            <span className="whitespace-nowrap">
              upper {formatPercent(option.upperShare)} · lower {formatPercent(option.lowerShare)}
            </span>
          </>
        ) : (
          <span>
            {option.count} {option.count === 1 ? "choice" : "choices"}
          </span>
        )}
      </div>
    </li>
  );
}

/** Every figure per question; the first column stays put while the rest scroll on a phone. */
export function ItemTable({ items, isEnough }: { items: readonly ItemStats[]; isEnough: boolean }) {
  return (
    <ScrollTable labelledBy="items-caption" className="bg-surface">
      <table className="w-full min-w-[60rem] text-left text-sm">
        <caption id="items-caption" className="sr-only">
          Quiz items: attempts, facility, discrimination, point-biserial, flags and the options chosen
        </caption>
        <thead className="bg-sunken text-xs text-ink-muted">
          <tr>
            {COLUMNS.map((column, i) => (
              <th
                key={column}
                scope="col"
                className={cn("px-3 py-2 font-semibold", i === 0 && "sticky left-0 z-10 bg-sunken shadow-[1px_0_0_var(--color-line)]")}
              >
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.questionId} className="border-t border-line align-top" data-testid="item-row">
              <th scope="row" className="sticky left-0 z-10 bg-surface px-3 py-3 font-semibold shadow-[1px_0_0_var(--color-line)]">
                Q{item.number}
              </th>
              <td className="w-60 min-w-48 px-3 py-3 text-xs">
                <span className="block text-ink-muted">{item.kind === "multiple" ? "Multiple select" : "Single choice"}</span>
                <span className="mt-1 block">{item.prompt}</span>
              </td>
              <td className="px-3 py-3 tabular-nums">
                {item.attempts}
                <span className="block text-xs text-ink-muted">{item.answered} answered</span>
              </td>
              <td className="px-3 py-3 tabular-nums">
                {isEnough ? (
                  <>
                    {formatPercent(item.facility)}
                    <span className="block min-w-20 text-xs text-ink-muted">
                      {item.right} of {item.attempts}
                      {item.kind === "multiple" ? " fully right" : " right"}
                    </span>
                  </>
                ) : (
                  "—"
                )}
              </td>
              <td className="px-3 py-3 tabular-nums">{item.discrimination === null ? "—" : formatIndex(item.discrimination)}</td>
              <td className="px-3 py-3 tabular-nums">
                {item.pointBiserial === null ? (
                  isEnough ? (
                    <span className="text-xs text-ink-muted">— (no spread)</span>
                  ) : (
                    "—"
                  )
                ) : (
                  formatIndex(item.pointBiserial)
                )}
              </td>
              <td className="w-44 min-w-40 px-3 py-3">
                {item.flags.length ? (
                  <ItemFlags flags={item.flags} />
                ) : (
                  <span className="text-xs text-ink-muted">{isEnough ? "None" : "—"}</span>
                )}
              </td>
              <td className="px-3 py-3">
                <ul className="min-w-72">
                  {item.options.map((option) => (
                    <OptionRow key={option.id} option={option} kind={item.kind} isEnough={isEnough} />
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
