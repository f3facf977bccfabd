import type { ReactNode } from "react";

/** A one-line failure under a field or a form, announced to screen readers; nothing while there is none. */
export function ErrorLine({ children, className = "" }: { children?: ReactNode; className?: string }) {
  if (!children) return null;
  return (
    <p role="alert" className={`${className} text-sm text-rose-700`.trim()}>
      {children}
    </p>
  );
}
