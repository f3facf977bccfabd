import { NetworkStatus } from "@/components/overview/NetworkStatus";
import { ProtocolOverview } from "@/components/overview/ProtocolOverview";
import { WalletCard } from "@/components/overview/WalletCard";

export default function OverviewPage() {
  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-3xl font-semibold">Arena</h1>
        <p className="mt-3 max-w-3xl text-zinc-700">
          An open marketplace for AI work. Publish training tasks with reward pools, train or validate with a
          stake, delegate to others and share their rewards, submit data to targets in embedding space, run
          inference machines, and check any model locally in your browser before you put money behind it.
        </p>
      </section>
      <ProtocolOverview />
      <div className="grid gap-6 md:grid-cols-2">
        <WalletCard />
        <NetworkStatus />
      </div>
    </div>
  );
}
