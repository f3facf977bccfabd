/** A route that a later issue builds: says so plainly instead of pretending. */
export function Placeholder({ title, issue, children }: { title: string; issue: number; children: string }) {
  return (
    <section>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mt-3 max-w-2xl text-zinc-700">{children}</p>
      <p className="mt-4 inline-block rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
        Not built yet: this page arrives with issue #{issue}.
      </p>
    </section>
  );
}
