"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { NAV_ITEMS } from "./nav";
import { TokenBalance } from "@/components/wallet/TokenBalance";
import { FaucetButton } from "@/components/wallet/FaucetButton";
import { useArenaChain } from "@/components/wallet/useArenaChain";
import { WalletButton } from "@/components/wallet/WalletButton";

function isActive(pathname: string, href: string) {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

export function Header() {
  const pathname = usePathname();
  const { address } = useArenaChain();
  return (
    <header className="border-b border-zinc-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
        <Link href="/" className="text-lg font-semibold text-teal-700">
          Arena
        </Link>
        <nav aria-label="Main" className="flex flex-1 flex-wrap gap-1 text-sm">
          {NAV_ITEMS.map((item) => (
            <Link
              key={item.href}
              href={item.href}
              aria-current={isActive(pathname, item.href) ? "page" : undefined}
              className="rounded px-2 py-1 text-zinc-600 hover:bg-zinc-100 aria-[current=page]:bg-teal-50 aria-[current=page]:text-teal-800"
            >
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="flex items-center gap-3">
          <TokenBalance />
          <FaucetButton />
          <WalletButton />
          {address && (
            <span className="sr-only" data-testid="connected-address">
              {address}
            </span>
          )}
        </div>
      </div>
    </header>
  );
}
