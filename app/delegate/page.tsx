import { Placeholder } from "@/components/ui/Placeholder";

export default function Page() {
  return (
    <Placeholder title="Delegate" issue={4}>
      Stake to earn: delegate to training nodes and validators, compare reward shares and eAPY, claim your
      share.
    </Placeholder>
  );
}
