"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { NAV_ITEMS } from "@/lib/nav";
import { TokenBalance } from "@/components/wallet/TokenBalance";
import { FaucetButton } from "@/components/wallet/FaucetButton";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { WalletButton } from "@/components/wallet/WalletButton";

function isActive(pathname: string, href: string) {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

export function Header() {
  const pathname = usePathname();
  const { address } = useArenaChain();
  return (
    <header className="border-b border-zinc-200 bg-white">
      {/* One row from 1280 px (logo, nav, wallet); below, the nav is a second row that scrolls sideways. */}
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 xl:flex-nowrap">
        <Link href="/" className="shrink-0 text-lg font-semibold text-teal-700">
          Arena
        </Link>
        <nav
          aria-label="Main"
          data-overflow-scroll
          className="order-last -mx-4 w-[calc(100%+2rem)] overflow-x-auto px-4 text-sm xl:order-none xl:mx-0 xl:w-auto xl:flex-1 xl:px-0"
        >
          <div className="flex gap-0.5 whitespace-nowrap">
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
          </div>
        </nav>
        <div className="ml-auto flex shrink-0 items-center gap-3 whitespace-nowrap">
          {/* Narrow screens: the balance and the faucet are on the overview's wallet card. */}
          <span className="hidden items-center gap-3 sm:flex">
            <TokenBalance />
            <FaucetButton />
          </span>
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
