/** Whether an action would go through now and, when it would not, why (so its button can say so). */
export type Gate = { ok: true } | { ok: false; reason: string };

export const OPEN: Gate = { ok: true };
export const closed = (reason: string): Gate => ({ ok: false, reason });
