import { RewardsView } from "@/components/rewards/RewardsView";

export default function RewardsPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Rewards</h1>
      <RewardsView />
    </div>
  );
}
