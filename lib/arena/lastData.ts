import type { UseQueryResult } from "@tanstack/react-query";

/**
 * A query that keeps its last data through failed refetches: `error` is set only when there never was data
 * (pages render the data with a stale marker then, see QueryState); `refreshError` says why a refetch failed.
 */
export type LastDataQuery<T> = KeepLastData<UseQueryResult<T>>;
type KeepLastData<R> = R extends unknown
  ? Omit<R, "error"> & { error: Error | null; refreshError: Error | null }
  : never;

export function keepLastData<T>(query: UseQueryResult<T>): LastDataQuery<T> {
  if (query.data === undefined) return { ...query, refreshError: null } as LastDataQuery<T>;
  return { ...query, error: null, refreshError: query.error } as LastDataQuery<T>;
}
