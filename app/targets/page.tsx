import { TargetsPage } from "@/components/targets/TargetsPage";

export default function Page() {
  return <TargetsPage />;
}
