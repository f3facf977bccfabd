import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { Providers } from "@/components/Providers";
import { Header } from "@/components/layout/Header";
import { RpcBanner } from "@/components/layout/RpcBanner";
import { IndexerBanner } from "@/components/indexer/IndexerBanner";
import { WrongNetworkBanner } from "@/components/wallet/WrongNetworkBanner";
import { DevPanel } from "@/components/dev/DevPanel";
import "./globals.css";

export const metadata: Metadata = {
  title: "Arena: an open marketplace for AI work",
  description: "Publish AI training tasks, stake, validate, delegate and score models in your browser.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request, so that Next.js can put the request's CSP nonce (proxy.ts) on its scripts.
  await connection();
  return (
    <html lang="en">
      <body>
        <Providers>
          <Header />
          <RpcBanner />
          <IndexerBanner />
          <WrongNetworkBanner />
          <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
          <DevPanel />
        </Providers>
      </body>
    </html>
  );
}
