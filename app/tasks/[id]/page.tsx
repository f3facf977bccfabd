import { Placeholder } from "@/components/ui/Placeholder";

export default function Page() {
  return (
    <Placeholder title="Task" issue={4}>
      Phases, participants, submissions, your actions as node or validator, settlement, challenges and charts.
    </Placeholder>
  );
}
