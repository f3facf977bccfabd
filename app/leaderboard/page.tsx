import { Placeholder } from "@/components/ui/Placeholder";

export default function Page() {
  return (
    <Placeholder title="Leaderboard" issue={4}>
      Training nodes, validators, models and submitters, across tasks and per task.
    </Placeholder>
  );
}
