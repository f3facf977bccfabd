import { StaleNote } from "@/components/layout/StaleNote";
import type { ReactNode } from "react";

export function Card({
  title,
  children,
  actions,
}: {
  title?: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="rounded-lg border border-zinc-200 bg-white p-5" aria-label={title}>
      {(title || actions) && (
        <div className="mb-3 flex items-center justify-between gap-3">
          {title && <h2 className="text-lg font-semibold">{title}</h2>}
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}

export function Stat({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white p-4">
      <div className="text-sm text-zinc-500">{label}</div>
      <div className="mt-1 text-2xl font-semibold" data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

/**
 * Loading, error and empty states in one place, so every list says what is going on. While the chain cannot be
 * reached, what is shown is the last data read, marked stale (the hooks keep it and report no error then);
 * the error stands alone only when there never was data.
 */
export function QueryState({
  loading,
  error,
  empty,
  emptyText,
  updatedAt,
  children,
}: {
  loading: boolean;
  error: Error | null;
  empty: boolean;
  emptyText: string;
  /** When the data shown was read (ms), for the stale marker; the chain's last answer otherwise. */
  updatedAt?: number;
  children: ReactNode;
}) {
  if (error) {
    return (
      <p role="alert" className="text-rose-700">
        Could not read the chain: {error.message.split("\n")[0]}
      </p>
    );
  }
  if (loading) return <p className="text-zinc-500">Loading…</p>;
  return (
    <>
      <StaleNote updatedAt={updatedAt} />
      {empty ? <p className="text-zinc-500">{emptyText}</p> : children}
    </>
  );
}
