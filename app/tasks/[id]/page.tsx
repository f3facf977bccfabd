import { TaskDetail } from "@/components/tasks/TaskDetail";

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d+$/.test(id)) {
    return <p role="alert">“{id}” is not a task id.</p>;
  }
  return <TaskDetail id={BigInt(id)} />;
}
