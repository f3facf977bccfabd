import Link from "next/link";
import { TaskList } from "@/components/tasks/TaskList";

export default function TasksPage() {
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Tasks</h1>
        <Link href="/tasks/new" className="rounded-md bg-teal-700 px-3 py-2 text-sm font-medium text-white">
          Publish a task
        </Link>
      </div>
      <TaskList />
    </div>
  );
}
