import { Placeholder } from "@/components/ui/Placeholder";

export default function Page() {
  return (
    <Placeholder title="Targets" issue={6}>
      Data targets in embedding space: open, filled, claimable and expired, with rewards and thresholds.
    </Placeholder>
  );
}
