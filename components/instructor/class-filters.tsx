import { CLASS_FILTERS, type ClassFilter, type ClassSort } from "@/lib/instructor/data/class-progress";

const FIELD = "min-h-11 rounded-lg border border-line-strong bg-surface px-3 text-sm";

export type ClassFiltersProps = {
  q: string;
  filter: ClassFilter;
  sort: ClassSort;
  dir: "asc" | "desc";
  shown: number;
  total: number;
};

/** The class list's search and filter: a plain GET form, so it works before any script loads and the address keeps the view. */
export function ClassFilters({ q, filter, sort, dir, shown, total }: ClassFiltersProps) {
  return (
    <>
      <form method="get" className="mt-8 flex flex-wrap items-end gap-3" role="search" aria-label="Find students">
        <div className="flex flex-col gap-1">
          <label htmlFor="class-q" className="text-sm font-semibold">
            Search
          </label>
          <input id="class-q" name="q" type="search" defaultValue={q} placeholder="Name or email" className={FIELD} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="class-filter" className="text-sm font-semibold">
            Show
          </label>
          <select id="class-filter" name="filter" defaultValue={filter} className={FIELD}>
            {Object.entries(CLASS_FILTERS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <input type="hidden" name="sort" value={sort} />
        <input type="hidden" name="dir" value={dir} />
        <button
          type="submit"
          className="min-h-11 rounded-lg border border-line-strong bg-surface px-4 text-sm font-semibold hover:bg-sunken"
        >
          Apply
        </button>
      </form>
      <p className="mt-3 text-sm text-ink-muted" aria-live="polite">
        {shown} of {total} students{filter !== "all" ? `: ${CLASS_FILTERS[filter].toLowerCase()}` : ""}
        {q ? `, matching "${q}"` : ""}.
      </p>
    </>
  );
}
