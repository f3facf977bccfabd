import { RewardsView } from "@/components/rewards/RewardsView";
import { TargetClaims } from "@/components/targets/TargetClaims";

export default function RewardsPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Rewards</h1>
      <RewardsView />
      <TargetClaims />
    </div>
  );
}
