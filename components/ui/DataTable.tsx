"use client";

import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnFiltersState,
  type FilterFn,
  type SortingState,
  type Table,
} from "@tanstack/react-table";
import { useId, useState, type ReactNode } from "react";

/**
 * How a column's cells sit: numbers read best right-aligned (and do not wrap unless `wrap`); `className` adds
 * widths and the like to its cells.
 */
export type ColumnMeta = { align?: "left" | "right"; wrap?: boolean; className?: string };

/** A control over one column's filter: a select of values ("" for all), or a checkbox that keeps one value. */
export type ColumnFilterControl =
  | {
      kind: "select";
      column: string;
      label: string;
      ariaLabel?: string;
      options: readonly { value: string; label: string }[];
    }
  | { kind: "check"; column: string; label: string; value: string };

type DataAttributes = { [name: `data-${string}`]: string };

export type DataTableProps<T> = {
  /** Column definitions (TanStack Table): `accessorFn` gives the sort value, `cell` what is shown. */
  columns: ColumnDef<T>[];
  data: T[];
  /** A stable key per row (an address, an id). */
  rowId: (row: T) => string;
  /** Accessible name of the table, also used to label its filter. */
  label: string;
  testId?: string;
  emptyText: string;
  /** The text (or texts) the filter box searches in a row; no filter box without it. */
  filterText?: (row: T) => string | readonly string[];
  filterPlaceholder?: string;
  /** The filter box's visible label and accessible name (by default "Filter" and "Filter <label>"). */
  filterLabel?: string;
  filterAriaLabel?: string;
  /** Select and checkbox filters over columns (the columns give their `filterFn`). */
  columnFilters?: readonly ColumnFilterControl[];
  /** Columns that filter but are not shown. */
  hiddenColumns?: readonly string[];
  /** What shows when filters leave no row (by default it quotes the filter text). */
  noMatchText?: string;
  /** Test id and data attributes of each row. */
  rowTestId?: string;
  rowData?: (row: T) => DataAttributes;
  /** Below 640 px, rows as a list of cards (rendered by `render`) instead of the table. */
  cards?: { testId: string; render: (row: T) => ReactNode };
  initialSorting?: SortingState;
};

const SORT_MARK = { asc: "▲", desc: "▼" } as const;

function cellClass(meta: ColumnMeta | undefined): string {
  const right = meta?.align === "right";
  return [right && "text-right", right && !meta?.wrap && "whitespace-nowrap", meta?.className]
    .filter(Boolean)
    .join(" ");
}

/**
 * One rendering component for every table of rows (TanStack Table, headless): sortable columns (click a
 * header; numbers sort high to low first), an optional text filter over what `filterText` returns, optional
 * select and checkbox filters over columns, and a clear line when there is nothing to show.
 */
export function DataTable<T>({
  columns,
  data,
  rowId,
  label,
  testId,
  emptyText,
  filterText,
  filterPlaceholder = "Filter…",
  filterLabel = "Filter",
  filterAriaLabel = `Filter ${label.toLowerCase()}`,
  columnFilters: filterControls = [],
  hiddenColumns = [],
  noMatchText,
  rowTestId,
  rowData,
  cards,
  initialSorting = [],
}: DataTableProps<T>) {
  const [sorting, setSorting] = useState<SortingState>(initialSorting);
  const [filter, setFilter] = useState("");
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>([]);
  const filterId = useId();
  const matches: FilterFn<T> = (row, _columnId, value: string) => {
    const query = value.trim().toLowerCase();
    const texts = filterText?.(row.original) ?? "";
    return (typeof texts === "string" ? [texts] : texts).some((t) => t.toLowerCase().includes(query));
  };
  // The table instance is rebuilt from state on every render by design; this app does not run the React
  // Compiler, so nothing memoizes it stale.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    state: {
      sorting,
      globalFilter: filter,
      columnFilters,
      columnVisibility: Object.fromEntries(hiddenColumns.map((id) => [id, false])),
    },
    onSortingChange: setSorting,
    onGlobalFilterChange: setFilter,
    onColumnFiltersChange: setColumnFilters,
    getRowId: rowId,
    globalFilterFn: matches,
    getColumnCanGlobalFilter: () => Boolean(filterText),
    defaultColumn: { sortUndefined: "last", sortingFn: "basic" },
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
  const rows = table.getRowModel().rows;

  if (data.length === 0) return <p className="text-sm text-zinc-500">{emptyText}</p>;
  return (
    <div className="space-y-2">
      {(filterText || filterControls.length > 0) && (
        <div className="flex flex-wrap items-center gap-3 text-sm">
          {filterControls.map((control) => (
            <ColumnFilterInput key={control.column} table={table} control={control} />
          ))}
          {filterText && (
            <div className="flex min-w-0 flex-1 items-center gap-2">
              <label htmlFor={filterId} className="text-zinc-500">
                {filterLabel}
              </label>
              <input
                id={filterId}
                type="search"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                placeholder={filterPlaceholder}
                aria-label={filterAriaLabel}
                className="w-full max-w-64 rounded border border-zinc-300 px-2 py-1"
              />
              {filter && (
                <span className="whitespace-nowrap text-zinc-500" data-testid={testId && `${testId}-count`}>
                  {rows.length} of {data.length}
                </span>
              )}
            </div>
          )}
        </div>
      )}
      {cards && (
        <ul className="divide-y divide-zinc-100 text-sm sm:hidden" data-testid={cards.testId}>
          {rows.map((row) => (
            <li key={row.id} className="space-y-1 py-2">
              {cards.render(row.original)}
            </li>
          ))}
        </ul>
      )}
      <div className={`overflow-x-auto ${cards ? "hidden sm:block" : ""}`} data-overflow-scroll>
        <table className="w-full text-left text-sm" aria-label={label} data-testid={testId}>
          <thead className="text-zinc-500">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const align = (header.column.columnDef.meta as ColumnMeta | undefined)?.align;
                  const sorted = header.column.getIsSorted();
                  const title = flexRender(header.column.columnDef.header, header.getContext());
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={
                        sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined
                      }
                      className={`py-1 pr-3 font-medium whitespace-nowrap last:pr-0 ${align === "right" ? "text-right" : ""}`}
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          className={`inline-flex items-center gap-1 hover:text-zinc-800 ${sorted ? "text-teal-800" : ""}`}
                          title={`Sort by ${header.column.id}`}
                        >
                          {title}
                          <span aria-hidden className="w-3 text-xs">
                            {sorted ? SORT_MARK[sorted] : ""}
                          </span>
                        </button>
                      ) : (
                        title
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.id}
                className="border-t border-zinc-100"
                data-testid={rowTestId}
                {...rowData?.(row.original)}
              >
                {row.getVisibleCells().map((cell) => (
                  <td
                    key={cell.id}
                    className={`py-1 pr-3 align-top last:pr-0 ${cellClass(cell.column.columnDef.meta as ColumnMeta | undefined)}`}
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && (
        <p className="text-sm text-zinc-500">{noMatchText ?? `No row matches “${filter.trim()}”.`}</p>
      )}
    </div>
  );
}

function ColumnFilterInput<T>({ table, control }: { table: Table<T>; control: ColumnFilterControl }) {
  const column = table.getColumn(control.column);
  const value = (column?.getFilterValue() as string | undefined) ?? "";
  const set = (v: string) => column?.setFilterValue(v || undefined);
  if (control.kind === "check")
    return (
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          checked={value === control.value}
          onChange={(e) => set(e.target.checked ? control.value : "")}
        />
        {control.label}
      </label>
    );
  return (
    <label className="flex items-center gap-2">
      {control.label}
      <select
        aria-label={control.ariaLabel}
        value={value}
        onChange={(e) => set(e.target.value)}
        className="max-w-56 rounded border border-zinc-300 px-2 py-1"
      >
        {control.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
