import { Placeholder } from "@/components/ui/Placeholder";

export default function Page() {
  return (
    <Placeholder title="Tasks" issue={4}>
      Browse AI training tasks by phase, metric and your role, with pool, stake, nodes, validators and time
      left.
    </Placeholder>
  );
}
