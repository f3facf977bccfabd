import { Placeholder } from "@/components/ui/Placeholder";

export default function Page() {
  return (
    <Placeholder title="Rewards" issue={4}>
      Everything you earned as node, validator, delegator or challenger, claim all, and a history chart.
    </Placeholder>
  );
}
