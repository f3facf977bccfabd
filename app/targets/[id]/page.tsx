import { Placeholder } from "@/components/ui/Placeholder";

export default function Page() {
  return (
    <Placeholder title="Target" issue={6}>
      Score your data against the assigned models in the browser, then submit it with a bond; audits for
      validators.
    </Placeholder>
  );
}
