import { Placeholder } from "@/components/ui/Placeholder";

export default function Page() {
  return (
    <Placeholder title="Machines" issue={7}>
      Inference machines with stake, uptime, latency, task score and selection odds; send a prompt to a picked
      machine.
    </Placeholder>
  );
}
