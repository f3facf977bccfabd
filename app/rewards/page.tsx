import { RewardsView } from "@/components/rewards/RewardsView";

export default function RewardsPage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Rewards and portfolio</h1>
        <p className="mt-1 max-w-3xl text-zinc-600">
          Everything you hold in Arena — stakes, delegations, creator stakes and pools, escrowed rewards,
          bonds, target rewards, model and machine stake — with the transaction that brings each back, or why
          and when it becomes possible.
        </p>
      </div>
      <RewardsView />
    </div>
  );
}
