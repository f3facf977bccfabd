"use client";

import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type FilterFn,
  type SortingState,
} from "@tanstack/react-table";
import { useId, useState } from "react";

/** A column's alignment: numbers read best right-aligned. */
export type ColumnMeta = { align?: "left" | "right" };

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
  /** The text the filter box searches in a row; no filter box without it. */
  filterText?: (row: T) => string;
  filterPlaceholder?: string;
  initialSorting?: SortingState;
};

const SORT_MARK = { asc: "▲", desc: "▼" } as const;

/**
 * One rendering component for every table of rows (TanStack Table, headless): sortable columns (click a
 * header; numbers sort high to low first), an optional text filter over what `filterText` returns, and a
 * clear line when there is nothing to show.
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
  initialSorting = [],
}: DataTableProps<T>) {
  const [sorting, setSorting] = useState<SortingState>(initialSorting);
  const [filter, setFilter] = useState("");
  const filterId = useId();
  const matches: FilterFn<T> = (row, _columnId, value: string) =>
    (filterText?.(row.original) ?? "").toLowerCase().includes(value.trim().toLowerCase());
  // The table instance is rebuilt from state on every render by design; this app does not run the React
  // Compiler, so nothing memoizes it stale.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    state: { sorting, globalFilter: filter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setFilter,
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
      {filterText && (
        <div className="flex items-center gap-2 text-sm">
          <label htmlFor={filterId} className="text-zinc-500">
            Filter
          </label>
          <input
            id={filterId}
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder={filterPlaceholder}
            aria-label={`Filter ${label.toLowerCase()}`}
            className="w-full max-w-64 rounded border border-zinc-300 px-2 py-1"
          />
          {filter && (
            <span className="text-zinc-500" data-testid={testId && `${testId}-count`}>
              {rows.length} of {data.length}
            </span>
          )}
        </div>
      )}
      <div className="overflow-x-auto" data-overflow-scroll>
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
              <tr key={row.id} className="border-t border-zinc-100">
                {row.getVisibleCells().map((cell) => {
                  const align = (cell.column.columnDef.meta as ColumnMeta | undefined)?.align;
                  return (
                    <td
                      key={cell.id}
                      className={`py-1 pr-3 last:pr-0 ${align === "right" ? "text-right whitespace-nowrap" : ""}`}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && <p className="text-sm text-zinc-500">No row matches “{filter.trim()}”.</p>}
    </div>
  );
}
