import { CreateTaskForm } from "@/components/tasks/new/CreateTaskForm";

export default function NewTaskPage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Publish a task</h1>
        <p className="mt-2 max-w-3xl text-zinc-700">
          Escrow a reward pool for a model to fine-tune. Every value is checked here as the contract will
          check it. You qualify as a creator by locking the creator stake, by having trained or validated in a
          settled task, or by holding the expert role.
        </p>
      </div>
      <CreateTaskForm />
    </div>
  );
}
