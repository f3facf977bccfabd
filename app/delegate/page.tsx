import { DelegateView } from "@/components/delegate/DelegateView";

export default function DelegatePage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Stake to earn</h1>
        <p className="mt-2 max-w-3xl text-zinc-700">
          Delegate to a training node or validator and share its rewards: it keeps (1 − ρ) of its pool&apos;s
          earnings and shares ρ with its delegators in proportion to stake.
        </p>
      </div>
      <DelegateView />
    </div>
  );
}
