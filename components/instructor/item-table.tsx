import { formatPercent } from "@/lib/format";
import { formatIndex, type ItemFlag, type ItemStats, type OptionStats, type SlotStats } from "@/lib/quiz/analysis";
import { cn } from "@/lib/utils/cn";
import { ScrollTable } from "@/components/ui/scroll-table";

const COLUMNS = ["Item", "Version", "Question", "Attempts", "Facility", "D", "r (rest)", "Flags", "Options chosen"] as const;

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

function OptionRow({ option, kind }: { option: OptionStats; kind: ItemStats["kind"] }) {
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
        {option.share !== null ? (
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
          <span>No answers yet</span>
        )}
      </div>
    </li>
  );
}

/** The number of responses behind the row's figures, with a caution under the minimum. */
function AttemptsCell({ item, minimum }: { item: ItemStats; minimum: number }) {
  return (
    <td className="px-3 py-3 tabular-nums">
      {item.attempts}
      <span className="block text-xs text-ink-muted">{item.answered} answered</span>
      {item.attempts > 0 && !item.isEnough ? (
        <span className="mt-1 block min-w-28 rounded-md bg-warning-soft px-2 py-1 text-xs font-medium text-ink" data-testid="few-attempts">
          <span aria-hidden="true" className="text-warning">
            ⚠{" "}
          </span>
          Under {minimum} attempts: one student moves every figure
        </span>
      ) : null}
    </td>
  );
}

function VersionRow({ item, isFirst, span, minimum }: { item: ItemStats; isFirst: boolean; span: number; minimum: number }) {
  const hasData = item.attempts > 0;
  const figure = cn("px-3 py-3 tabular-nums", !item.isEnough && "text-ink-muted");
  return (
    <tr className={cn("align-top", isFirst ? "border-t border-line-strong" : "border-t border-line")} data-testid="item-row">
      {isFirst ? (
        <th
          scope="rowgroup"
          rowSpan={span}
          className="sticky left-0 z-10 bg-surface px-3 py-3 align-top font-semibold shadow-[1px_0_0_var(--color-line)]"
        >
          Q{item.number}
        </th>
      ) : null}
      <td className="w-36 min-w-32 px-3 py-3 text-xs">
        <span className="block font-semibold text-ink">{item.label}</span>
        <span className="block font-mono break-all text-ink-muted">{item.versionId}</span>
      </td>
      <td className="w-60 min-w-48 px-3 py-3 text-xs">
        <span className="block text-ink-muted">{item.kind === "multiple" ? "Multiple select" : "Single choice"}</span>
        <span className="mt-1 block">{item.prompt}</span>
        {item.versionKind === "drawn" ? (
          <span className="mt-1 block text-ink-muted">The file&apos;s worked example; each attempt drew its own numbers.</span>
        ) : null}
      </td>
      <AttemptsCell item={item} minimum={minimum} />
      <td className={figure}>
        {hasData ? (
          <>
            {formatPercent(item.facility)}
            <span className="block min-w-24 text-xs text-ink-muted">
              {item.right} of {item.attempts}
              {item.kind === "multiple" ? " fully right; the rest partial or none" : " right"}
            </span>
          </>
        ) : (
          "—"
        )}
      </td>
      <td className={figure}>
        {item.discrimination === null ? "—" : formatIndex(item.discrimination)}
        {item.discrimination !== null ? <span className="block text-xs text-ink-muted">groups of {item.groupSize}</span> : null}
      </td>
      <td className={figure}>
        {item.restCorrelation !== null ? (
          formatIndex(item.restCorrelation)
        ) : hasData ? (
          <span className="text-xs text-ink-muted">— (no spread)</span>
        ) : (
          "—"
        )}
      </td>
      <td className="w-44 min-w-40 px-3 py-3">
        {item.flags.length ? (
          <ItemFlags flags={item.flags} />
        ) : (
          <span className="text-xs text-ink-muted">{item.isEnough ? "None" : `— (none under ${minimum} attempts)`}</span>
        )}
      </td>
      <td className="px-3 py-3">
        <ul className="min-w-72">
          {item.options.map((option) => (
            <OptionRow key={option.id} option={option} kind={item.kind} />
          ))}
        </ul>
      </td>
    </tr>
  );
}

/**
 * Every figure per version of each question: a question's versions are rows grouped under it (its
 * header spans them). The first column stays put while the rest scroll on a phone.
 */
export function ItemTable({ slots, minimum }: { slots: readonly SlotStats[]; minimum: number }) {
  return (
    <ScrollTable labelledBy="items-caption" className="bg-surface">
      <table className="w-full min-w-[68rem] text-left text-sm">
        <caption id="items-caption" className="sr-only">
          Quiz items, each version of a question in its own row: attempts, facility, discrimination, correlation with the rest of the test,
          flags and the options chosen
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
        {slots.map((slot) => (
          <tbody key={slot.slotId} data-testid="item-group">
            {slot.versions.map((item, i) => (
              <VersionRow key={item.versionId} item={item} isFirst={i === 0} span={slot.versions.length} minimum={minimum} />
            ))}
          </tbody>
        ))}
      </table>
    </ScrollTable>
  );
}
