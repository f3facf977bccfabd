import { Placeholder } from "@/components/ui/Placeholder";

export default function Page() {
  return (
    <Placeholder title="Publish a task" issue={4}>
      Create a training task with a reward pool, phases and mechanism parameters, with a live preview of the
      reward split.
    </Placeholder>
  );
}
