import { Placeholder } from "@/components/ui/Placeholder";

export default function Page() {
  return (
    <Placeholder title="Scorer" issue={5}>
      Score any model on any data locally in your browser with WebGPU or WASM, and benchmark it.
    </Placeholder>
  );
}
