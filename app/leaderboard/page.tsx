import { Leaderboards } from "@/components/leaderboard/Leaderboards";
import { TargetLeaderboards } from "@/components/targets/TargetLeaderboards";

export default function LeaderboardPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Leaderboard</h1>
      <Leaderboards />
      <TargetLeaderboards />
    </div>
  );
}
