/** The header row every data table here uses: column headers with scope, on the sunken band. */
export function TableHead({ columns }: { columns: readonly string[] }) {
  return (
    <thead className="bg-sunken">
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col" className="px-3 py-2 font-semibold">
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
