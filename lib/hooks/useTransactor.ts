"use client";

import { createContext, useContext } from "react";
import type { TxContextValue } from "@/lib/tx/transactor";

export const TxContext = createContext<TxContextValue | null>(null);

export function useTransactor(): TxContextValue {
  const ctx = useContext(TxContext);
  if (!ctx) throw new Error("useTransactor must be used inside <TxProvider>");
  return ctx;
}
